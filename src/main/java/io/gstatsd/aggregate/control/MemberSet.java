package io.gstatsd.aggregate.control;

import java.util.Arrays;

/**
 * The distinct members of one set key, kept as 64-bit hashes of their bytes in an open-addressing table:
 * no String per member, and a count that is exact unless two members collide in 64 bits.
 * Single-threaded.
 */
final class MemberSet {

    private static final long EMPTY = 0;
    /** Stands for the hash 0, which marks an empty slot. */
    private static final long ZERO_REPLACEMENT = 0x9E3779B97F4A7C15L;

    private static final byte[] ZERO_MEMBER = {'0'};

    private long[] slots = new long[16];
    private int size;

    void add(long hash) {
        if (hash == EMPTY) {
            hash = ZERO_REPLACEMENT;
        }
        int mask = slots.length - 1;
        int slot = (int) (hash ^ (hash >>> 32)) & mask;
        while (slots[slot] != EMPTY) {
            if (slots[slot] == hash) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        slots[slot] = hash;
        if (++size * 2 > slots.length) {
            grow();
        }
    }

    void addAll(MemberSet other) {
        for (long hash : other.slots) {
            if (hash != EMPTY) {
                add(hash);
            }
        }
    }


    long[] toArray() {
        long[] result = new long[size];
        int n = 0;
        for (long hash : slots) {
            if (hash != EMPTY) {
                result[n++] = hash;
            }
        }
        return result;
    }

    void clear() {
        if (slots.length > 1024) {
            slots = new long[16];
        } else {
            Arrays.fill(slots, EMPTY);
        }
        size = 0;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long hash : old) {
            if (hash != EMPTY) {
                add(hash);
            }
        }
    }

    /** 64-bit FNV-1a with a murmur3 finaliser; an empty member counts as "0", as Etsy stores it. */
    static long hash(byte[] buf, int offset, int length) {
        if (length == 0) {
            return hash(ZERO_MEMBER, 0, 1);
        }
        long h = 0xcbf29ce484222325L;
        for (int i = offset; i < offset + length; i++) {
            h = (h ^ (buf[i] & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
