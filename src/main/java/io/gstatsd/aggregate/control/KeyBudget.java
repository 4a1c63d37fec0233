package io.gstatsd.aggregate.control;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code gstatsd.max-keys} bound on distinct keys across all metric types, shared by the registries.
 * Thread-safe; taken only when a key is seen for the first time.
 */
public final class KeyBudget {

    private final int maxKeys;
    private final AtomicInteger used = new AtomicInteger();

    public KeyBudget(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be >= 1, got " + maxKeys);
        }
        this.maxKeys = maxKeys;
    }

    boolean tryTake() {
        while (true) {
            int current = used.get();
            if (current >= maxKeys) {
                return false;
            }
            if (used.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public int used() {
        return used.get();
    }

    public int maxKeys() {
        return maxKeys;
    }
}
