package io.gstatsd.cluster.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.StampedMetrics;
import io.gstatsd.aggregate.entity.TimerSamples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Several members' parts of one interval as one server would have aggregated all their lines: counters
 * summed, a timer's samples (and weighted counts) pooled, so its percentiles are Etsy's over every sample,
 * sets united, and of a gauge the value received last anywhere (a tie goes to the later part). A key idle
 * in one part and active in another is active. Client-stamped points merge second by second the same way.
 * <p>
 * Not thread-safe: one merge per instance.
 */
final class SnapshotMerge {

    private final Metrics interval = new Metrics();
    private final TreeMap<Long, Metrics> stamped = new TreeMap<>();
    private long processingMillis;

    void add(Snapshot part) {
        interval.add(part.counters(), part.timers(), part.gauges(), part.sets());
        processingMillis = Math.max(processingMillis, part.processingMillis());
        for (StampedMetrics second : part.stamped()) {
            stamped.computeIfAbsent(second.epochSeconds(), s -> new Metrics())
                    .add(second.counters(), second.timers(), second.gauges(), second.sets());
        }
    }

    Snapshot result(long epochMillis, long flushIntervalMillis) {
        List<StampedMetrics> seconds = new ArrayList<>(stamped.size());
        stamped.forEach((second, metrics) -> seconds.add(new StampedMetrics(second, metrics.counters(),
                metrics.timers(), metrics.gauges(), metrics.sets())));
        return new Snapshot(epochMillis, flushIntervalMillis, interval.counters(), interval.timers(), interval.gauges(),
                interval.sets(), processingMillis, seconds);
    }

    static Snapshot of(long epochMillis, long flushIntervalMillis, List<Snapshot> parts) {
        SnapshotMerge merge = new SnapshotMerge();
        parts.forEach(merge::add);
        return merge.result(epochMillis, flushIntervalMillis);
    }

    /** One interval's (or one stamped second's) metrics by name, in the order they were first seen. */
    private static final class Metrics {
        private final Map<String, double[]> counters = new LinkedHashMap<>();
        private final Map<String, List<TimerSamples>> timers = new LinkedHashMap<>();
        private final Map<String, GaugeValue> gauges = new LinkedHashMap<>();
        private final Map<String, List<long[]>> sets = new LinkedHashMap<>();

        void add(List<CounterValue> counterValues, List<TimerSamples> timerSamples, List<GaugeValue> gaugeValues,
                 List<SetMembers> setMembers) {
            for (CounterValue counter : counterValues) {
                counters.computeIfAbsent(counter.name(), name -> new double[1])[0] += counter.value();
            }
            for (TimerSamples timer : timerSamples) {
                timers.computeIfAbsent(timer.name(), name -> new ArrayList<>(2)).add(timer);
            }
            for (GaugeValue gauge : gaugeValues) {
                gauges.merge(gauge.name(), gauge, Metrics::later);
            }
            for (SetMembers set : setMembers) {
                sets.computeIfAbsent(set.name(), name -> new ArrayList<>(2)).add(set.hashes());
            }
        }

        /** The value received last; written in the interval if any member's line was. */
        private static GaugeValue later(GaugeValue kept, GaugeValue next) {
            GaugeValue last = next.receivedMillis() >= kept.receivedMillis() ? next : kept;
            boolean written = kept.written() || next.written();
            return last.written() == written ? last
                    : new GaugeValue(last.name(), last.value(), written, last.receivedMillis());
        }

        List<CounterValue> counters() {
            List<CounterValue> result = new ArrayList<>(counters.size());
            counters.forEach((name, sum) -> result.add(new CounterValue(name, sum[0])));
            return result;
        }

        List<TimerSamples> timers() {
            List<TimerSamples> result = new ArrayList<>(timers.size());
            timers.forEach((name, parts) -> result.add(parts.size() == 1 ? parts.get(0) : pooled(name, parts)));
            return result;
        }

        private static TimerSamples pooled(String name, List<TimerSamples> parts) {
            int n = 0;
            double weighted = 0;
            for (TimerSamples part : parts) {
                n += part.sortedValues().length;
                weighted += part.weightedCount();
            }
            double[] values = new double[n];
            int at = 0;
            for (TimerSamples part : parts) {
                System.arraycopy(part.sortedValues(), 0, values, at, part.sortedValues().length);
                at += part.sortedValues().length;
            }
            Arrays.sort(values);
            return new TimerSamples(name, values, weighted);
        }

        List<GaugeValue> gauges() {
            return new ArrayList<>(gauges.values());
        }

        List<SetMembers> sets() {
            List<SetMembers> result = new ArrayList<>(sets.size());
            sets.forEach((name, parts) -> result.add(new SetMembers(name, parts.size() == 1 ? parts.get(0) : union(parts))));
            return result;
        }

        private static long[] union(List<long[]> parts) {
            long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
            Arrays.sort(all);
            int distinct = 0;
            for (int i = 0; i < all.length; i++) {
                if (i == 0 || all[i] != all[i - 1]) {
                    all[distinct++] = all[i];
                }
            }
            return Arrays.copyOf(all, distinct);
        }
    }
}
