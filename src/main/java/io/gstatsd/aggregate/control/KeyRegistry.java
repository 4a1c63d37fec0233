package io.gstatsd.aggregate.control;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives each distinct sanitised key of one metric type a dense id, shared by all receivers, so that shards
 * can keep values in arrays indexed by id and a flush merges them without hashing strings.
 * <p>
 * Thread-safe: receivers call {@link #idOf} only for keys their own {@link KeyTable} has not seen yet;
 * registration is serialised, lookups of known names are lock-free.
 */
public final class KeyRegistry {

    private final KeyBudget budget;
    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private String[] names = new String[64];
    private int size;

    public KeyRegistry(KeyBudget budget) {
        this.budget = budget;
    }

    /** @return the id of the name, or -1 when it is new and the key budget is spent */
    public int idOf(String name) {
        Integer known = ids.get(name);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = ids.get(name);
            if (known != null) {
                return known;
            }
            if (!budget.tryTake()) {
                return -1;
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
            }
            int id = size;
            names[size++] = name;
            ids.put(name, id);
            return id;
        }
    }

    /** The names of ids 0..size-1 at the time of the call; ids never change, so the prefix stays valid. */
    public synchronized String[] names() {
        return Arrays.copyOf(names, size);
    }

    public synchronized int size() {
        return size;
    }
}
