package io.gstatsd.aggregate.control;

import io.gstatsd.configuration.entity.TagMode;
import io.gstatsd.vocabulary.control.KeyCanonicalizer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps a key's raw bytes to its registry id with open addressing, so a key already seen costs a hash and
 * a byte comparison and no allocation. The first sighting canonicalises the key and its tags
 * ({@link KeyCanonicalizer}, as {@code gstatsd.tags} says), adds the prefix and registers it; raw keys that
 * spell one series differently (tags in another order or dialect) get the same id. With Etsy's
 * {@code keyNameSanitize} off, a key is kept as Etsy keeps it instead ({@link KeyCanonicalizer#etsyUnsanitized}).
 * Several raw forms may share one id ({@code "a b"} and {@code "a_b"} sanitise alike), so the entries of an
 * id are chained. When the registry retires ids, {@link #retire} only marks them (a bit per id: a million
 * retired keys cost the receiver a few milliseconds, not a stall); a lookup that lands on a marked id
 * drops its entries and asks the registry again, and {@link #sweep} drops the rest a little at a time.
 * Freed entries are reused and the bytes they leave behind are compacted away, so the table stays as large
 * as the keys alive.
 * <p>
 * A big table, or one that a burst of new keys comes to (see {@link #takesHints}), takes the parser's hints: the
 * keys of the next lines, hashed and their slots fetched in one short loop ({@link #hint}, {@link #fetchHinted}),
 * so that their cache misses overlap instead of following one another; a lookup then finds its hash ready and
 * its slot in the cache.
 * <p>
 * Single-threaded: one receiver owns the table (both shards of its {@link ShardPair} use it).
 */
final class KeyTable {

    static final int TOO_MANY_KEYS = -1;
    static final int EMPTY_KEY = -2;
    private static final int FREE = -1;
    /** A byte array read eight bytes at a time, for {@link #hash}. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // An entry's fields sit side by side in one int array, so a lookup reads one cache line of it, not one
    // line in each of four arrays (at 100,000 keys and more every line is a miss).
    private static final int STRIDE = 4;
    private static final int OFFSET = 0;
    /** {@link #FREE} for an entry on the free list. */
    private static final int LENGTH = 1;
    private static final int ID = 2;
    /** The next entry + 1 with the same id, 0 at the end of the chain. */
    private static final int NEXT = 3;

    private final KeyRegistry registry;
    private final String prefix;
    /** The prefix's Latin-1 bytes, for registering a key from its bytes; null for a prefix beyond Latin-1. */
    private final byte[] prefixBytes;
    private final TagMode tagMode;
    private final boolean sanitize;
    /** The prefix's {@link String#hashCode}, continued over a key's bytes to give its name's (see {@link #fetchHinted}). */
    private final int prefixHash;
    /**
     * The key's hash in the high half and its entry + 1 in the low half, 0 for an empty slot; at most half
     * full. With the hash in the slot a probe passes other keys without reading their entries: a new key's
     * lookup reads one cache line, not one more per key of its run (each a miss at a million keys).
     */
    private long[] slots = new long[1024];
    private int mask = slots.length - 1;
    private int[] entries = new int[512 * STRIDE];
    /** The first entry + 1 of each id, 0 for none. */
    private int[] chainOfId = new int[512];
    private byte[] arena = new byte[16 * 1024];
    private int arenaUsed;
    private long arenaGarbage;
    /** Entries ever used; those below that are live or free. */
    private int entryTop;
    private int liveEntries;
    private int[] freeEntries = new int[64];
    private int freeCount;
    /** A bit per id: retired, its entries not dropped yet. */
    private long[] retired = new long[8];
    private int retiredCount;
    private int sweepWord;

    // The parser's hints (MetricConsumer#keyAhead): keys of the next lines with their hashes, in line order,
    // valid for one datagram. Fetching their slots in one loop overlaps the cache misses of up to 32 lines: a
    // datagram of 25 lines in one round, where 16 took two.
    private static final int HINTS = 32;
    private final int[] hintOffset = new int[HINTS];
    private final int[] hintLength = new int[HINTS];
    private final int[] hintHash = new int[HINTS];
    /** What {@link #fetchHinted} reads for each hint: its entry, or -1 for a new key, and then its name's hash. */
    private final int[] hintEntry = new int[HINTS];
    private final int[] hintNameHash = new int[HINTS];
    /** Whether {@link #hintNameHash} holds the hint's name hash, so that its first sighting does not hash it again. */
    private final boolean[] hintNamed = new boolean[HINTS];
    /** The hint whose hash the current lookup took, or -1. */
    private int hintInUse = -1;
    private byte[] hintBuf;
    private int hintCount;
    private int hintCursor;
    private int hintsFetched;
    /** Whether the last hints held a new key: then the next ones' registry slots are read with their table slots. */
    private boolean newKeysLately;
    /** First sightings in the current datagram, to tell a burst of new keys ({@link #takesHints}). */
    private int sightings;
    /**
     * Whether the last datagram brought {@link #BURST} new keys or more: whether to take hints at all, which a
     * small table decides before any hint is fetched (unlike {@link #newKeysLately}, which only hints set).
     */
    private boolean burstLately;
    /** New keys in one datagram that make it a burst: enough misses to overlap. */
    private static final int BURST = 8;
    /** What the fetches read, kept so that the JIT does not drop them as unused loads. */
    private long fetchedSink;

    KeyTable(KeyRegistry registry, String prefix, TagMode tagMode) {
        this(registry, prefix, tagMode, true);
    }

    /** @param sanitize false for Etsy's {@code keyNameSanitize: false}: keys kept as Etsy keeps them, tags ignoring the mode */
    KeyTable(KeyRegistry registry, String prefix, TagMode tagMode, boolean sanitize) {
        this.registry = registry;
        this.prefix = prefix.isEmpty() ? "" : prefix + ".";
        this.tagMode = tagMode;
        this.sanitize = sanitize;
        this.prefixHash = this.prefix.hashCode();
        this.prefixBytes = StandardCharsets.ISO_8859_1.newEncoder().canEncode(this.prefix)
                ? this.prefix.getBytes(StandardCharsets.ISO_8859_1) : null;
    }

    /**
     * Whether the parser's hints pay here: in a big table, from 131,072 slots (1 MB of slots, about 33,000-65,000
     * keys) on, where lookups miss the cache; and in any table while new keys come (the last datagram brought
     * {@link #BURST} or more), whose registry slots are as cold as a big table's. For known keys in a small table
     * the pass for hints made 1,000 known counters 25-30% slower (ParseAggregateBenchmark: 12.8-13.8M lines/s
     * against 15.9-19.8M), while at 100,000 keys it was no slower and at a million it halved the time of a known
     * key (FirstSightingBenchmark's harness).
     */
    boolean takesHints() {
        return slots.length >= 1 << 17 || burstLately;
    }

    /** A key the parser will hand to {@link #idOf} soon: its hash now, its slot fetched by {@link #fetchHinted}. */
    void hint(byte[] buf, int offset, int length) {
        if (hintCursor == hintCount) {
            forgetHints();
        }
        if (hintCount == HINTS || hintCount > 0 && buf != hintBuf) {
            return;
        }
        hintBuf = buf;
        hintOffset[hintCount] = offset;
        hintLength[hintCount] = length;
        hintHash[hintCount++] = hash(buf, offset, length);
    }

    /**
     * Reads the slots of the keys hinted since the last call, in loops short enough that the misses overlap;
     * then the entry of each key the table seems to hold and, for the others, the registry slot its first
     * sighting will probe. At a million keys each of these is a cache miss of 130-200 ns here, one after
     * another when every line looks up its own (the dependent-load figure of a 16-64 MB array; overlapped ones
     * cost about one each round). The registry slot is where the key's name would be if it is the raw
     * key itself, as most are (no tags, nothing to sanitise): a key canonicalised otherwise only misses the
     * benefit. While new keys keep coming (the last hints held one), the registry slots are read in the first
     * round with the table's: a burst of new keys then waits for one round of misses, not two.
     */
    void fetchHinted() {
        long sink = 0;
        boolean burst = newKeysLately;
        if (burst) {
            // A burst of new keys: their registry slots are read in the same round as the table's, one round
            // of misses instead of two; names hashed first so that the loop of loads is loads alone. A new key's
            // probe runs on to an empty slot, so the slot four on is read as well (see KeyRegistry#fetch).
            for (int i = hintsFetched; i < hintCount; i++) {
                hintNameHash[i] = nameHash(hintBuf, hintOffset[i], hintLength[i]);
            }
            for (int i = hintsFetched; i < hintCount; i++) {
                sink += slots[hintHash[i] & mask] + slots[(hintHash[i] + 4) & mask] + registry.fetch(hintNameHash[i]);
            }
        } else {
            for (int i = hintsFetched; i < hintCount; i++) {
                sink += slots[hintHash[i] & mask];
            }
        }
        // Where each key leads is worked out first and read after, in a loop of loads alone: mixed with the
        // name hashes, the registry's misses overlapped only a few at a time (the CPU's window is ~200 ops).
        boolean newKeys = false;
        for (int i = hintsFetched; i < hintCount; i++) {
            int entry = entryWithHash(hintHash[i]);
            hintEntry[i] = entry;
            if (entry < 0) {
                newKeys = true;
                if (!burst) {
                    hintNameHash[i] = nameHash(hintBuf, hintOffset[i], hintLength[i]);
                }
            }
            hintNamed[i] = burst || entry < 0;
        }
        for (int i = hintsFetched; i < hintCount; i++) {
            int entry = hintEntry[i];
            if (entry >= 0) {
                sink += entries[entry * STRIDE + OFFSET];
            } else if (!burst) {
                sink += registry.fetch(hintNameHash[i]);
            }
        }
        newKeysLately = newKeys;
        hintsFetched = hintCount;
        fetchedSink += sink;
    }

    /** The first entry whose key has this hash, or -1: then the key is certainly new. */
    private int entryWithHash(int hash) {
        for (int slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            if ((int) (slots[slot] >>> 32) == hash) {
                return (int) slots[slot] - 1;
            }
        }
        return -1;
    }

    /**
     * {@code (prefix + key).hashCode()} for a key of Latin-1 bytes, without making the String; four bytes a
     * step, so that the chain of multiplies is a quarter as long as String's own loop.
     */
    private int nameHash(byte[] buf, int offset, int length) {
        int h = prefixHash;
        int i = offset;
        int end = offset + length;
        for (; i + 4 <= end; i += 4) {
            h = 923521 * h + 29791 * (buf[i] & 0xff) + 961 * (buf[i + 1] & 0xff) + 31 * (buf[i + 2] & 0xff)
                    + (buf[i + 3] & 0xff);
        }
        for (; i < end; i++) {
            h = 31 * h + (buf[i] & 0xff);
        }
        return h;
    }

    /** A new datagram: the old hints' bytes are gone (the receive buffer is reused). */
    void packet() {
        burstLately = sightings >= BURST;
        sightings = 0;
        forgetHints();
    }

    private void forgetHints() {
        hintCount = 0;
        hintCursor = 0;
        hintsFetched = 0;
    }

    /** The hinted hash of this key, if the parser hinted it; else computed now. */
    private int hashOf(byte[] buf, int offset, int length) {
        hintInUse = -1;
        if (buf == hintBuf) {
            while (hintCursor < hintCount && hintOffset[hintCursor] < offset) {
                hintCursor++;   // a hinted line that did not reach this table (a bad value, say)
            }
            if (hintCursor < hintCount && hintOffset[hintCursor] == offset && hintLength[hintCursor] == length) {
                hintInUse = hintCursor < hintsFetched ? hintCursor : -1;
                return hintHash[hintCursor++];
            }
        }
        return hash(buf, offset, length);
    }

    /** @return the id, or {@link #TOO_MANY_KEYS} or {@link #EMPTY_KEY} */
    int idOf(byte[] buf, int offset, int length) {
        int hash = hashOf(buf, offset, length);
        int slot = hash & mask;
        while (true) {
            long found = slots[slot];
            if (found == 0) {
                return insert(slot, hash, buf, offset, length);
            }
            if ((int) (found >>> 32) == hash) {
                int at = ((int) found - 1) * STRIDE;
                if (entries[at + LENGTH] == length
                        && Arrays.equals(arena, entries[at + OFFSET], entries[at + OFFSET] + length, buf, offset, offset + length)) {
                    int id = entries[at + ID];
                    if ((retired[id >>> 6] & (1L << id)) == 0) {
                        return id;
                    }
                    drop(id);
                    return idOf(buf, offset, length);
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    private int insert(int slot, int hash, byte[] buf, int offset, int length) {
        int id;
        if (sanitize && prefixBytes != null && KeyCanonicalizer.isOwnName(buf, offset, length)) {
            int nameHash = hintInUse >= 0 && hintNamed[hintInUse] ? hintNameHash[hintInUse] : nameHash(buf, offset, length);
            id = registry.idOf(prefixBytes, buf, offset, length, nameHash);
        } else {
            String sanitized = canonical(buf, offset, length);
            if (sanitized.isEmpty()) {
                return EMPTY_KEY;
            }
            // A concatenation with "" would still copy the key: one garbage String per new key in a storm of them.
            id = registry.idOf(prefix.isEmpty() ? sanitized : prefix + sanitized);
        }
        if (id < 0) {
            return TOO_MANY_KEYS;
        }
        if (id < chainOfId.length && (retired[id >>> 6] & (1L << id)) != 0) {
            drop(id);   // the id was released and handed to this key: its old entries go first
            slot = HashSlots.freeSlot(slots, hash);
        }
        int entry = newEntry();
        if (arenaUsed + length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + length));
        }
        System.arraycopy(buf, offset, arena, arenaUsed, length);
        if (id >= chainOfId.length) {
            chainOfId = Arrays.copyOf(chainOfId, Math.max(id + 1, chainOfId.length * 2));
            retired = Arrays.copyOf(retired, (chainOfId.length + 63) >>> 6);
        }
        int at = entry * STRIDE;
        entries[at + OFFSET] = arenaUsed;
        entries[at + LENGTH] = length;
        entries[at + ID] = id;
        entries[at + NEXT] = chainOfId[id];
        arenaUsed += length;
        chainOfId[id] = entry + 1;
        slots[slot] = HashSlots.pack(hash, entry);
        sightings++;
        if (++liveEntries * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return id;
    }

    private String canonical(byte[] buf, int offset, int length) {
        return !sanitize ? KeyCanonicalizer.etsyUnsanitized(buf, offset, length) : switch (tagMode) {
            case GRAPHITE -> KeyCanonicalizer.graphiteTagged(buf, offset, length);
            case DROP -> KeyCanonicalizer.untagged(buf, offset, length);
            case NAME -> KeyCanonicalizer.tagsInName(buf, offset, length);
        };
    }

    private int newEntry() {
        if (freeCount > 0) {
            return freeEntries[--freeCount];
        }
        if ((entryTop + 1) * STRIDE > entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        return entryTop++;
    }

    /**
     * Marks these retired ids: from now on a lookup of their keys asks the registry again, so this receiver
     * writes no retired id (what lets the registry release it).
     */
    void retire(int[] ids) {
        for (int id : ids) {
            if (id < chainOfId.length && chainOfId[id] != 0 && (retired[id >>> 6] & (1L << id)) == 0) {
                retired[id >>> 6] |= 1L << id;
                retiredCount++;
            }
        }
    }

    /** Drops the entries of up to {@code maxIds} marked ids, so memory follows the keys alive. */
    void sweep(int maxIds) {
        int words = retired.length;
        for (int scanned = 0; retiredCount > 0 && maxIds > 0 && scanned < words; scanned++) {
            long word = retired[sweepWord];
            while (word != 0 && maxIds > 0) {
                drop((sweepWord << 6) + Long.numberOfTrailingZeros(word));
                word = retired[sweepWord];
                maxIds--;
            }
            if (word == 0) {
                sweepWord = sweepWord + 1 == words ? 0 : sweepWord + 1;
            }
        }
    }

    boolean hasRetired() {
        return retiredCount > 0;
    }

    /** Drops every raw form of a marked id; a later line of the key registers it again. */
    private void drop(int id) {
        retired[id >>> 6] &= ~(1L << id);
        retiredCount--;
        int entry = chainOfId[id] - 1;
        chainOfId[id] = 0;
        while (entry >= 0) {
            int next = entries[entry * STRIDE + NEXT] - 1;
            removeEntry(entry);
            entry = next;
        }
        if (arenaGarbage > 64 * 1024 && arenaGarbage * 2 > arenaUsed) {
            compactArena();
        }
    }

    private void removeEntry(int entry) {
        HashSlots.remove(slots, hash(arena, entries[entry * STRIDE + OFFSET], entries[entry * STRIDE + LENGTH]), entry);
        arenaGarbage += entries[entry * STRIDE + LENGTH];
        entries[entry * STRIDE + LENGTH] = FREE;
        if (freeCount == freeEntries.length) {
            freeEntries = Arrays.copyOf(freeEntries, freeCount * 2);
        }
        freeEntries[freeCount++] = entry;
        liveEntries--;
    }

    private void compactArena() {
        byte[] compacted = new byte[Math.max(16 * 1024, Integer.highestOneBit(Math.max(1, arenaUsed - (int) arenaGarbage)) * 2)];
        int used = 0;
        for (int entry = 0; entry < entryTop; entry++) {
            int at = entry * STRIDE;
            int length = entries[at + LENGTH];
            if (length != FREE) {
                System.arraycopy(arena, entries[at + OFFSET], compacted, used, length);
                entries[at + OFFSET] = used;
                used += length;
            }
        }
        arena = compacted;
        arenaUsed = used;
        arenaGarbage = 0;
    }

    private void rehash(int capacity) {
        slots = HashSlots.rehashed(slots, capacity);
        mask = slots.length - 1;
    }

    /**
     * Eight bytes a step (a multiply and a rotate each), then a final avalanche so that keys differing only in
     * their last digit spread over the table. Every line hashes its key, known or new, and FNV-1a's multiply per
     * byte made a chain of ~4 cycles a byte: 1,000 known counters went from 12-19M to 24-25M lines/s with this
     * (ParseAggregateBenchmark, 2026-11-25).
     */
    static int hash(byte[] buf, int offset, int length) {
        long h = 0x9E3779B97F4A7C15L ^ length;
        int end = offset + length;
        if (length >= 8) {
            int i = offset;
            for (; i + 8 < end; i += 8) {
                h = Long.rotateLeft((h ^ (long) LONGS.get(buf, i)) * 0xBF58476D1CE4E5B9L, 29);
            }
            h = (h ^ (long) LONGS.get(buf, end - 8)) * 0x94D049BB133111EBL;   // the last 8, overlapping
        } else {
            long tail = 0;
            for (int i = offset; i < end; i++) {
                tail = tail << 8 | (buf[i] & 0xff);
            }
            h = (h ^ tail) * 0x94D049BB133111EBL;
        }
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return (int) h ^ (int) (h >>> 32);
    }

    int size() {
        return liveEntries;
    }

    /** Bytes of raw keys held, live and not yet compacted away (for tests of the memory bound). */
    int arenaBytes() {
        return arena.length;
    }
}
