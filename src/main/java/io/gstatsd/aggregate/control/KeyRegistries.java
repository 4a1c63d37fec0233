package io.gstatsd.aggregate.control;

/** One registry per metric type (each type has its own key space), sharing one key budget. */
public record KeyRegistries(KeyRegistry counters, KeyRegistry timers, KeyRegistry gauges, KeyRegistry sets,
                            KeyBudget budget) {

    public static KeyRegistries withMaxKeys(int maxKeys) {
        return sharing(new KeyBudget(maxKeys));
    }

    /** Registries of their own that take their keys from the same budget (the client-stamped points' keys). */
    static KeyRegistries sharing(KeyBudget budget) {
        return new KeyRegistries(new KeyRegistry(budget), new KeyRegistry(budget), new KeyRegistry(budget),
                new KeyRegistry(budget), budget);
    }
}
