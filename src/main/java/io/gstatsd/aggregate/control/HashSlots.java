package io.gstatsd.aggregate.control;

/**
 * The open-addressed slot arrays of {@link KeyRegistry} and {@link KeyTable}: each slot a key's 32-bit hash
 * beside its index plus one (0: empty), so a probe passes other keys in the slot array alone; linear probing
 * over a power-of-two length. The lookups stay in their classes (each compares its own keys); what is the same
 * in both, the packing, the deletion and the growth, is here.
 */
final class HashSlots {

    private HashSlots() {
    }

    static long pack(int hash, int index) {
        return ((long) hash << 32) | (index + 1);
    }

    /** The first empty slot of the hash's run. */
    static int freeSlot(long[] slots, int hash) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Linear probing's deletion: later slots of the same run shift back, so no lookup stops early. */
    static void remove(long[] slots, int hash, int index) {
        int mask = slots.length - 1;
        int hole = hash & mask;
        while ((int) slots[hole] != index + 1) {
            hole = (hole + 1) & mask;
        }
        int next = (hole + 1) & mask;
        while (slots[next] != 0) {
            int home = (int) (slots[next] >>> 32) & mask;
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                slots[hole] = slots[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        slots[hole] = 0;
    }

    /** The same slots in a new array of {@code capacity} (a power of two). */
    static long[] rehashed(long[] old, int capacity) {
        long[] slots = new long[capacity];
        for (long found : old) {
            if (found != 0) {
                slots[freeSlot(slots, (int) (found >>> 32))] = found;
            }
        }
        return slots;
    }
}
