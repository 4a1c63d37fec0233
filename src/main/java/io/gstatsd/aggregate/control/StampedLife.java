package io.gstatsd.aggregate.control;

/**
 * When the keys of client-stamped points are forgotten: as soon as an interval has none of their points (a
 * stamped key is never flushed as idle, so nothing is lost by forgetting it), with the same two phases as
 * the interval's keys ({@link KeyLife}), so their ids, table entries and places under {@code max-keys} come back.
 * <p>
 * Not thread-safe: only the drain (serialised by {@link Aggregation}) uses it.
 */
final class StampedLife {

    private final KeyLife counters;
    private final KeyLife timers;
    private final KeyLife gauges;
    private final KeyLife sets;

    StampedLife(KeyRegistries registries) {
        counters = new KeyLife(registries.counters(), true, 0);
        timers = new KeyLife(registries.timers(), true, 0);
        gauges = new KeyLife(registries.gauges(), true, 0);
        sets = new KeyLife(registries.sets(), true, 0);
    }

    /** @return the stamped ids retired now, for every receiver to drop from its stamped key tables */
    Retirement endInterval(StampedMerge merged, long epochMillis) {
        return new Retirement(
                counters.endInterval(id -> merged.touched(StampedPoints.COUNTER, id), epochMillis, id -> { }),
                timers.endInterval(id -> merged.touched(StampedPoints.TIMER, id), epochMillis, id -> { }),
                gauges.endInterval(id -> merged.touched(StampedPoints.GAUGE, id), epochMillis, id -> { }),
                sets.endInterval(id -> merged.touched(StampedPoints.SET, id), epochMillis, id -> { }));
    }
}
