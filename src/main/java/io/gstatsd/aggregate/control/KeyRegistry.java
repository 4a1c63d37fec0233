package io.gstatsd.aggregate.control;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Gives each live sanitised key of one metric type a dense id, shared by all receivers, so that shards
 * keep values in arrays indexed by id and a flush merges them without hashing strings. A forgotten key's
 * id goes back to a free list and is given to a later new key, so the ids, and every array indexed by
 * them, stay as many as the keys alive at once rather than every key ever seen.
 * <p>
 * Forgetting is two-phase (see {@link KeyLife}): a drain marks an idle id <em>retiring</em> and asks every
 * receiver to drop it from its raw-key table; the next drain releases it unless it came back meanwhile,
 * either written into a shard (the drain sees it touched) or looked up here again by a receiver that had
 * already dropped it ({@link #idOf} notes that under this lock, so the release cannot miss it).
 * <p>
 * Thread-safe, with one lock: receivers call {@link #idOf} only for keys their own {@link KeyTable} does not
 * hold, so it is off the hot path; drains call the rest. An open-addressing table of ids over the names
 * array, rather than a ConcurrentHashMap of boxed ids, saves about 50 bytes per key (HeapPerKey).
 * <p>
 * Each slot holds the name's hash beside its id, so a probe passing other names compares hashes in the slot
 * array alone: comparing names there cost three dependent cache misses each (the names array, the String,
 * its bytes), about 240 ns of a new key's ~1 us at a million keys (FirstSightingBenchmark, 2026-11-25).
 */
public final class KeyRegistry {

    private final KeyBudget budget;
    /** By id: the name, or null for a free id and for one whose name is still among the recent ones. */
    private String[] names = new String[64];
    /**
     * Names a receiver registered from a key's bytes ({@link #idOf(byte[], byte[], int, int, int)}) since the last
     * {@link #settle}: their Latin-1 bytes side by side, each made a String by the drain that next reads the
     * names. Made on the receive path, a String and its byte array per new key in eden memory the cache had not
     * seen cost about 20 ns of a first sighting's ~240 at a million keys (FirstSightingBenchmark, 2026-11-26).
     */
    private byte[] recentBytes = new byte[RECENT_BYTES];
    private static final int RECENT_BYTES = 16 * 1024;
    private int recentUsed;
    /** The id of each recent name and where its bytes end, in the order they came. */
    private int[] recentIds = new int[RECENT_NAMES];
    private int[] recentEnds = new int[RECENT_NAMES];
    private static final int RECENT_NAMES = 512;
    private int recentCount;
    /** An id's place among the recent names + 1; 0 when {@link #names} holds its name (or it is free). */
    private int[] recentAt = new int[64];
    /** An id's state as bits, in one array so that a first sighting touches one more cache line, not three. */
    private byte[] flags = new byte[64];
    private static final byte RETIRING = 1;
    /** Looked up again since it was marked retiring. */
    private static final byte REVIVED = 2;
    /** Counts against the key budget now. */
    private static final byte HOLDS_PLACE = 4;
    /** ids below this have been handed out at some time; the free ones are on the free list. */
    private int size;
    private int[] free = new int[16];
    private int freeCount;
    /** The name's spread hash in the high half, its id + 1 in the low half; 0 for an empty slot; at most half full. */
    private long[] slots = new long[128];

    public KeyRegistry(KeyBudget budget) {
        this.budget = budget;
    }

    /** @return the id of the name, or -1 when it is new and the key budget is spent */
    public int idOf(String name) {
        return idOf(name, name.hashCode());
    }

    /**
     * {@link #idOf(String)} with the name's {@link String#hashCode} given: a receiver computes it from the key's
     * bytes faster than String does, and the new name's own hash is then never needed.
     */
    synchronized int idOf(String name, int nameHash) {
        int hash = spread(nameHash);
        int mask = slots.length - 1;
        int slot = hash & mask;
        for (long entry; (entry = slots[slot]) != 0; slot = (slot + 1) & mask) {
            int id = (int) entry - 1;
            if ((int) (entry >>> 32) == hash && sameName(id, name)) {
                return found(id);
            }
        }
        int id = newName(slot, hash);
        if (id >= 0) {
            names[id] = name;
        }
        return id;
    }

    /**
     * {@link #idOf(String, int)} for the name {@code prefix + key}, both Latin-1 bytes, {@code nameHash} its
     * String's hash: a new name stays bytes until a drain reads the names, so registering it allocates nothing.
     */
    synchronized int idOf(byte[] prefix, byte[] key, int offset, int length, int nameHash) {
        int hash = spread(nameHash);
        int mask = slots.length - 1;
        int slot = hash & mask;
        for (long entry; (entry = slots[slot]) != 0; slot = (slot + 1) & mask) {
            int id = (int) entry - 1;
            if ((int) (entry >>> 32) == hash && sameName(id, prefix, key, offset, length)) {
                return found(id);
            }
        }
        int id = newName(slot, hash);
        if (id >= 0) {
            addRecent(id, prefix, key, offset, length);
        }
        return id;
    }

    /** A name looked up again: a retiring one comes back. */
    private int found(int id) {
        if ((flags[id] & RETIRING) != 0) {
            flags[id] |= REVIVED;
            takePlace(id);
        }
        return id;
    }

    /** A new name's id, its slot taken; -1 when the key budget is spent. The caller records the name. */
    private int newName(int slot, int hash) {
        if (!budget.tryTake()) {
            return -1;
        }
        int id = freeCount > 0 ? free[--freeCount] : newId();
        flags[id] = HOLDS_PLACE;
        slots[slot] = HashSlots.pack(hash, id);
        if ((size - freeCount) * 2 > slots.length) {
            slots = HashSlots.rehashed(slots, slots.length * 2);
        }
        return id;
    }

    private void addRecent(int id, byte[] prefix, byte[] key, int offset, int length) {
        int end = recentUsed + prefix.length + length;
        if (end > recentBytes.length) {
            recentBytes = Arrays.copyOf(recentBytes, Math.max(recentBytes.length * 2, end));
        }
        System.arraycopy(prefix, 0, recentBytes, recentUsed, prefix.length);
        System.arraycopy(key, offset, recentBytes, recentUsed + prefix.length, length);
        recentUsed = end;
        if (recentCount == recentIds.length) {
            recentIds = Arrays.copyOf(recentIds, recentCount * 2);
            recentEnds = Arrays.copyOf(recentEnds, recentCount * 2);
        }
        recentIds[recentCount] = id;
        recentEnds[recentCount++] = end;
        recentAt[id] = recentCount;
    }

    private int recentStart(int at) {
        return at == 0 ? 0 : recentEnds[at - 1];
    }

    private boolean sameName(int id, String name) {
        int at = recentAt[id] - 1;
        if (at < 0) {
            return names[id].equals(name);
        }
        int start = recentStart(at);
        int length = recentEnds[at] - start;
        return name.length() == length && startsWith(name, 0, recentBytes, start, length);
    }

    private boolean sameName(int id, byte[] prefix, byte[] key, int offset, int length) {
        int at = recentAt[id] - 1;
        if (at < 0) {
            String name = names[id];
            return name.length() == prefix.length + length && startsWith(name, 0, prefix, 0, prefix.length)
                    && startsWith(name, prefix.length, key, offset, length);
        }
        int start = recentStart(at);
        int middle = start + prefix.length;
        return recentEnds[at] == middle + length && Arrays.equals(recentBytes, start, middle, prefix, 0, prefix.length)
                && Arrays.equals(recentBytes, middle, middle + length, key, offset, offset + length);
    }

    /** Whether {@code name} has the Latin-1 bytes at {@code from}; a char above 0xff never matches. */
    private static boolean startsWith(String name, int from, byte[] bytes, int offset, int length) {
        for (int i = 0; i < length; i++) {
            if (name.charAt(from + i) != (bytes[offset + i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Makes the recent names Strings, in the drain's thread rather than a receiver's. Called first by every
     * method that reads names, so the recent ones are only ever read by {@link #idOf}.
     */
    private void settle() {
        int start = 0;
        for (int at = 0; at < recentCount; at++) {
            int id = recentIds[at];
            int end = recentEnds[at];
            names[id] = new String(recentBytes, start, end - start, StandardCharsets.ISO_8859_1);
            recentAt[id] = 0;
            start = end;
        }
        recentCount = 0;
        recentUsed = 0;
        if (recentBytes.length > RECENT_BYTES * 4) {   // a burst's room is not kept for the intervals after it
            recentBytes = new byte[RECENT_BYTES];
            recentIds = new int[RECENT_NAMES];
            recentEnds = new int[RECENT_NAMES];
        }
    }

    /**
     * Reads, without the lock, the slot where a name with this {@link String#hashCode} would start its probe, so
     * that a receiver about to register several keys has their cache misses in flight at once. Only a hint: a
     * stale array (another receiver's insert grew it) costs nothing but the miss it fails to save. The slot four
     * on is read too: a new name's probe runs on to the first empty slot, about 2.5 slots at this load, and when
     * that crosses into the next cache line the miss came under the lock, one key after another.
     */
    long fetch(int nameHash) {
        long[] current = slots;
        int mask = current.length - 1;
        int slot = spread(nameHash) & mask;
        return current[slot] + current[(slot + 4) & mask];
    }

    private int newId() {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            flags = Arrays.copyOf(flags, size * 2);
            recentAt = Arrays.copyOf(recentAt, size * 2);
        }
        return size++;
    }

    /** Retiring keys are no longer flushed and give their place back at once; the id waits for its release. */
    synchronized void markRetiring(int[] ids) {
        for (int id : ids) {
            flags[id] = (byte) ((flags[id] | RETIRING) & ~REVIVED);
            givePlaceBack(id);
        }
    }

    /** A retiring key written again before its release lives on, in its place. */
    synchronized void keep(int id) {
        flags[id] &= ~(RETIRING | REVIVED);
        takePlace(id);
    }

    /**
     * Etsy's {@code deleteIdleStats} deletes every key at each flush: every place is given back. The ids stay
     * (a key active again next interval keeps its fast path); one idle for an interval is retired as usual.
     */
    synchronized void givePlacesBack() {
        for (int id = 0; id < size; id++) {
            givePlaceBack(id);
        }
    }

    private void takePlace(int id) {
        if ((flags[id] & HOLDS_PLACE) == 0) {
            flags[id] |= HOLDS_PLACE;
            budget.takeAnyway();
        }
    }

    private void givePlaceBack(int id) {
        if ((flags[id] & HOLDS_PLACE) != 0) {
            flags[id] &= ~HOLDS_PLACE;
            budget.giveBack();
        }
    }

    /**
     * Forgets a retiring id unless a receiver looked it up again since it was marked.
     *
     * @return true when the id is free now, false when the key lives on
     */
    synchronized boolean releaseUnlessRevived(int id) {
        settle();
        boolean cameBack = (flags[id] & REVIVED) != 0;
        flags[id] &= ~(RETIRING | REVIVED);
        if (cameBack || names[id] == null) {
            return false;   // null: free already (only a writer breaking the retirement protocol gets here)
        }
        HashSlots.remove(slots, spread(names[id].hashCode()), id);
        names[id] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = id;
        return true;
    }

    private static int spread(int hash) {
        return (hash ^ (hash >>> 16)) * 0x9E3779B9;
    }

    /**
     * The names to flush, by id, for ids 0..size-1 at the time of the call: null for a free id and for one
     * that is retiring. An id keeps its name until it is released, so the array is valid for the drain
     * that asked.
     */
    public synchronized String[] names() {
        settle();
        String[] result = Arrays.copyOf(names, size);
        for (int id = 0; id < size; id++) {
            if ((flags[id] & RETIRING) != 0) {
                result[id] = null;
            }
        }
        return result;
    }

    /** The id of a live key that is not retiring, or -1; registers nothing. */
    public synchronized int find(String name) {
        settle();
        int hash = spread(name.hashCode());
        int mask = slots.length - 1;
        for (int slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            int id = (int) slots[slot] - 1;
            if ((int) (slots[slot] >>> 32) == hash && names[id].equals(name)) {
                return (flags[id] & RETIRING) != 0 ? -1 : id;
            }
        }
        return -1;
    }

    /** The name of a live id, retiring or not; null for a free one. */
    synchronized String nameOf(int id) {
        settle();
        return id < size ? names[id] : null;
    }

    /** How many ids have been handed out, free ones included: the length arrays indexed by id need. */
    public synchronized int size() {
        return size;
    }

    /** How many keys are alive (retiring ones included). */
    public synchronized int live() {
        return size - freeCount;
    }
}
