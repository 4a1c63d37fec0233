package io.gstatsd.load.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.TimerSamples;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import io.gstatsd.load.entity.MetricKind;
import io.gstatsd.load.entity.MinuteValues;
import org.apache.datasketches.kll.KllDoublesSketch;

import java.util.HashMap;
import java.util.Map;

/**
 * Everything known of each key over some minutes, in a size that does not grow with the number of samples:
 * counter sums, timer KLL sketches (quantiles) with count, sum, min and max, gauge last/min/max/mean, and
 * HLL sketches of set members. Two of them merge into one, which is how frames become windows.
 * <p>
 * Not thread-safe: the load sink's worker builds and merges them; once handed to a window it is never changed.
 */
final class FrameMetrics {

    /** KLL accuracy: normalized rank error about 1.33% (99% confidence) whatever the number of samples. */
    static final int KLL_K = 200;
    /** HLL with 2^12 buckets: relative standard error about 1.6% for distinct counts. */
    static final int HLL_LG_K = 12;

    final Map<String, double[]> counters = new HashMap<>();
    final Map<String, TimerCell> timers = new HashMap<>();
    final Map<String, GaugeCell> gauges = new HashMap<>();
    final Map<String, Union> sets = new HashMap<>();

    static final class TimerCell {
        final KllDoublesSketch samples = KllDoublesSketch.newHeapInstance(KLL_K);
        double weightedCount;
        double sum;

        void merge(TimerCell other) {
            samples.merge(other.samples);
            weightedCount += other.weightedCount;
            sum += other.sum;
        }
    }

    static final class GaugeCell {
        double last;
        double lower = Double.POSITIVE_INFINITY;
        double upper = Double.NEGATIVE_INFINITY;
        double sum;
        long observations;

        void observe(double value) {
            last = value;
            lower = Math.min(lower, value);
            upper = Math.max(upper, value);
            sum += value;
            observations++;
        }

        /** {@code later} covers later minutes, so its last value wins. */
        void merge(GaugeCell later) {
            last = later.last;
            lower = Math.min(lower, later.lower);
            upper = Math.max(upper, later.upper);
            sum += later.sum;
            observations += later.observations;
        }
    }

    /** Folds one flush in; idle timers and sets (no samples) add nothing. */
    void add(Snapshot snapshot) {
        for (CounterValue counter : snapshot.counters()) {
            counters.computeIfAbsent(counter.name(), k -> new double[1])[0] += counter.value();
        }
        for (TimerSamples timer : snapshot.timers()) {
            if (timer.idle()) {
                continue;
            }
            TimerCell cell = timers.computeIfAbsent(timer.name(), k -> new TimerCell());
            for (double value : timer.sortedValues()) {
                cell.samples.update(value);
                cell.sum += value;
            }
            cell.weightedCount += timer.weightedCount();
        }
        for (GaugeValue gauge : snapshot.gauges()) {
            gauges.computeIfAbsent(gauge.name(), k -> new GaugeCell()).observe(gauge.value());
        }
        for (SetMembers set : snapshot.sets()) {
            if (set.count() == 0) {
                continue;
            }
            HllSketch members = new HllSketch(HLL_LG_K);
            for (long hash : set.hashes()) {
                members.update(hash);
            }
            sets.computeIfAbsent(set.name(), k -> new Union(HLL_LG_K)).update(members);
        }
    }

    /** Adds {@code later} (metrics of later minutes) into this one. */
    void merge(FrameMetrics later) {
        later.counters.forEach((name, sum) -> counters.computeIfAbsent(name, k -> new double[1])[0] += sum[0]);
        later.timers.forEach((name, cell) -> timers.computeIfAbsent(name, k -> new TimerCell()).merge(cell));
        later.gauges.forEach((name, cell) -> gauges.computeIfAbsent(name, k -> new GaugeCell()).merge(cell));
        later.sets.forEach((name, union) -> sets.computeIfAbsent(name, k -> new Union(HLL_LG_K)).update(union.getResult()));
    }

    /** Each key's point on its sparkline: counter sum, timer sample count, gauge last value, set distinct count. */
    MinuteValues values() {
        return new MinuteValues.Builder()
                .put(MetricKind.COUNTER, counters, sum -> sum[0])
                .put(MetricKind.TIMER, timers, cell -> cell.weightedCount)
                .put(MetricKind.GAUGE, gauges, cell -> cell.last)
                .put(MetricKind.SET, sets, union -> Math.round(union.getEstimate()))
                .build();
    }

    /** A new FrameMetrics holding the merge of the given ones, oldest first; the arguments are not changed. */
    static FrameMetrics mergeOf(Iterable<FrameMetrics> oldestFirst) {
        FrameMetrics result = new FrameMetrics();
        for (FrameMetrics frame : oldestFirst) {
            result.merge(frame);
        }
        return result;
    }
}
