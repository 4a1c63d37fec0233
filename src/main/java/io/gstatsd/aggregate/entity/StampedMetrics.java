package io.gstatsd.aggregate.entity;

import java.util.List;

/**
 * The metrics clients stamped with one second (DogStatsD {@code |T}) that arrived in one interval, each
 * key's lines for that second aggregated as an interval's would be. Written at that second, not the flush's.
 * Immutable.
 */
public record StampedMetrics(long epochSeconds, List<CounterValue> counters, List<TimerSamples> timers,
                             List<GaugeValue> gauges, List<SetMembers> sets) {

    public StampedMetrics {
        counters = List.copyOf(counters);
        timers = List.copyOf(timers);
        gauges = List.copyOf(gauges);
        sets = List.copyOf(sets);
    }
}
