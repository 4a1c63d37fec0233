package io.gstatsd.aggregate.entity;

import io.gstatsd.vocabulary.control.EpochSeconds;

import java.util.List;

/**
 * Everything one flush publishes: the merged metrics of all receivers for one interval. Immutable once
 * built (its arrays are never modified), so every sink may read it from its own thread.
 *
 * @param epochMillis         the flush time
 * @param flushIntervalMillis the configured interval, the divisor of per-second rates
 * @param processingMillis    how long the merge took ({@code statsd.processing_time})
 * @param stamped             the points clients stamped with their own second, by second, oldest first
 */
public record Snapshot(long epochMillis, long flushIntervalMillis,
                       List<CounterValue> counters, List<TimerSamples> timers,
                       List<GaugeValue> gauges, List<SetMembers> sets,
                       long processingMillis, List<StampedMetrics> stamped) {

    public Snapshot {
        counters = List.copyOf(counters);
        timers = List.copyOf(timers);
        gauges = List.copyOf(gauges);
        sets = List.copyOf(sets);
        stamped = List.copyOf(stamped);
    }

    /** An interval without client-stamped points. */
    public Snapshot(long epochMillis, long flushIntervalMillis, List<CounterValue> counters, List<TimerSamples> timers,
                    List<GaugeValue> gauges, List<SetMembers> sets, long processingMillis) {
        this(epochMillis, flushIntervalMillis, counters, timers, gauges, sets, processingMillis, List.of());
    }

    /** The Graphite timestamp: seconds, rounded as Etsy's {@code Math.round(ms / 1000)}. */
    public long epochSeconds() {
        return EpochSeconds.of(epochMillis);
    }

    /** Etsy's {@code numStats}: one per counter, timer, gauge and set key. */
    public int numStats() {
        return counters.size() + timers.size() + gauges.size() + sets.size();
    }
}
