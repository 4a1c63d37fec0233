package io.gstatsd.aggregate.control;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code gstatsd.max-keys} bound on keys alive at once across all metric types, shared by the
 * registries: a new key takes a place, a forgotten or deleted key gives it back (see {@link KeyRegistry}).
 * Thread-safe; touched only when a key is first seen, deleted or forgotten, never per line.
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

    /** A key that keeps its id takes its place again even over the bound: refusing it would drop its lines. */
    void takeAnyway() {
        used.incrementAndGet();
    }

    void giveBack() {
        used.decrementAndGet();
    }

    public int used() {
        return used.get();
    }

    public int maxKeys() {
        return maxKeys;
    }
}
