package io.gstatsd.aggregate.control;

import io.gstatsd.vocabulary.control.KeySanitizer;

import java.util.Arrays;

/**
 * Maps a key's raw bytes to its registry id with open addressing, so a key already seen costs a hash and
 * a byte comparison and no allocation. The first sighting sanitises the key, adds the prefix and registers it.
 * <p>
 * Single-threaded: each shard owns its tables.
 */
final class KeyTable {

    static final int TOO_MANY_KEYS = -1;
    static final int EMPTY_KEY = -2;

    private final KeyRegistry registry;
    private final String prefix;
    private int[] slots = new int[1024];
    private int mask = slots.length - 1;
    private int[] entryHash = new int[512];
    private int[] entryOffset = new int[512];
    private int[] entryLength = new int[512];
    private int[] entryId = new int[512];
    private byte[] arena = new byte[16 * 1024];
    private int arenaUsed;
    private int entries;

    KeyTable(KeyRegistry registry, String prefix) {
        this.registry = registry;
        this.prefix = prefix.isEmpty() ? "" : prefix + ".";
    }

    /** @return the id, or {@link #TOO_MANY_KEYS} or {@link #EMPTY_KEY} */
    int idOf(byte[] buf, int offset, int length) {
        int hash = hash(buf, offset, length);
        int slot = hash & mask;
        while (true) {
            int entry = slots[slot] - 1;
            if (entry < 0) {
                return insert(slot, hash, buf, offset, length);
            }
            if (entryHash[entry] == hash && entryLength[entry] == length
                    && Arrays.equals(arena, entryOffset[entry], entryOffset[entry] + length, buf, offset, offset + length)) {
                return entryId[entry];
            }
            slot = (slot + 1) & mask;
        }
    }

    private int insert(int slot, int hash, byte[] buf, int offset, int length) {
        String sanitized = KeySanitizer.sanitize(buf, offset, length);
        if (sanitized.isEmpty()) {
            return EMPTY_KEY;
        }
        // A concatenation with "" would still copy the key: one garbage String per new key in a storm of them.
        int id = registry.idOf(prefix.isEmpty() ? sanitized : prefix + sanitized);
        if (id < 0) {
            return TOO_MANY_KEYS;
        }
        if (entries == entryId.length) {
            int capacity = entries * 2;
            entryHash = Arrays.copyOf(entryHash, capacity);
            entryOffset = Arrays.copyOf(entryOffset, capacity);
            entryLength = Arrays.copyOf(entryLength, capacity);
            entryId = Arrays.copyOf(entryId, capacity);
        }
        if (arenaUsed + length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + length));
        }
        System.arraycopy(buf, offset, arena, arenaUsed, length);
        entryHash[entries] = hash;
        entryOffset[entries] = arenaUsed;
        entryLength[entries] = length;
        entryId[entries] = id;
        arenaUsed += length;
        entries++;
        slots[slot] = entries;
        if (entries * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        mask = slots.length - 1;
        for (int entry = 0; entry < entries; entry++) {
            int slot = entryHash[entry] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = entry + 1;
        }
    }

    /** FNV-1a with a final avalanche, so that keys differing only in their last digit spread over the table. */
    static int hash(byte[] buf, int offset, int length) {
        int h = 0x811c9dc5;
        for (int i = offset; i < offset + length; i++) {
            h = (h ^ buf[i]) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    int size() {
        return entries;
    }
}
