package io.gstatsd.aggregate.control;

import java.util.Arrays;

/**
 * Gives each distinct sanitised key of one metric type a dense id, shared by all receivers, so that shards
 * can keep values in arrays indexed by id and a flush merges them without hashing strings.
 * <p>
 * Thread-safe, with one lock: receivers call {@link #idOf} only for keys their own {@link KeyTable} has not
 * seen yet, so it is off the hot path. An open-addressing table of ids over the names array, rather than a
 * ConcurrentHashMap of boxed ids, saves about 50 bytes per key (HeapPerKey).
 */
public final class KeyRegistry {

    private final KeyBudget budget;
    private String[] names = new String[64];
    private int size;
    /** id + 1 of the name hashed to each slot, 0 for an empty slot; at most half full. */
    private int[] slots = new int[128];

    public KeyRegistry(KeyBudget budget) {
        this.budget = budget;
    }

    /** @return the id of the name, or -1 when it is new and the key budget is spent */
    public synchronized int idOf(String name) {
        int mask = slots.length - 1;
        int slot = spread(name.hashCode()) & mask;
        while (slots[slot] != 0) {
            int id = slots[slot] - 1;
            if (names[id].equals(name)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        if (!budget.tryTake()) {
            return -1;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
        }
        int id = size++;
        names[id] = name;
        slots[slot] = id + 1;
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = spread(names[id].hashCode()) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
    }

    private static int spread(int hash) {
        return (hash ^ (hash >>> 16)) * 0x9E3779B9;
    }

    /** The names of ids 0..size-1 at the time of the call; ids never change, so the prefix stays valid. */
    public synchronized String[] names() {
        return Arrays.copyOf(names, size);
    }

    public synchronized int size() {
        return size;
    }
}
