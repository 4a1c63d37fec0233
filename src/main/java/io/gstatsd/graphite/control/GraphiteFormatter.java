package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.control.TimerStatistics;
import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.StampedMetrics;
import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.graphite.entity.FlushText;
import io.gstatsd.graphite.entity.Namespace;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Turns a snapshot into Graphite plaintext lines ({@code name value epochSeconds\n}) with the names and
 * values Etsy statsd 0.9's graphite backend writes for the same input. A key's DogStatsD tags
 * ({@code ;k=v} after the name) stay at the end of every name, as Etsy's {@code format} puts them.
 * Points clients stamped with their own second follow, each written with its second and named as an
 * interval's metric would be.
 * A pure function of the snapshot, apart from the timing figure {@code graphiteStats.calculationtime}.
 * Thread-safe: immutable.
 */
public final class GraphiteFormatter {

    private final Namespace namespace;
    private final TimerStatistics timerStatistics;
    private final LongSupplier nanoClock;
    private final boolean sanitizeNames;

    public GraphiteFormatter(Namespace namespace, TimerStatistics timerStatistics, LongSupplier nanoClock) {
        this(namespace, timerStatistics, nanoClock, false);
    }

    /**
     * @param sanitizeNames sanitise each key's name here, as Etsy's backend does when {@code keyNameSanitize}
     *                      is off and keys arrive raw
     */
    public GraphiteFormatter(Namespace namespace, TimerStatistics timerStatistics, LongSupplier nanoClock,
                             boolean sanitizeNames) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.timerStatistics = Objects.requireNonNull(timerStatistics, "timerStatistics");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.sanitizeNames = sanitizeNames;
    }

    /** The flush as text; for tests and small outputs (the sinks take {@link #formatBytes}). */
    public String format(Snapshot snapshot) {
        return formatBytes(snapshot).utf8();
    }

    /**
     * The flush as UTF-8 bytes, written straight into chunks so that a flush of a million keys is held once
     * and never as one array (see {@link GraphiteBytes}).
     */
    public FlushText formatBytes(Snapshot snapshot) {
        long started = nanoClock.getAsLong();
        GraphiteBytes out = new GraphiteBytes(expectedBytes(snapshot), " " + snapshot.epochSeconds() + "\n",
                namespace.suffix(), sanitizeNames);
        metrics(out, snapshot.counters(), snapshot.timers(), snapshot.gauges(), snapshot.sets(),
                snapshot.flushIntervalMillis());
        out.wholeLine(namespace.numStats(), snapshot.numStats());
        long calculationMillis = (nanoClock.getAsLong() - started) / 1_000_000;
        out.wholeLine(namespace.statsdFigure("graphiteStats.calculationtime"), calculationMillis);
        out.wholeLine(namespace.statsdFigure("processing_time"), snapshot.processingMillis());
        for (StampedMetrics stamped : snapshot.stamped()) {
            out.timestamp(stamped.epochSeconds());
            metrics(out, stamped.counters(), stamped.timers(), stamped.gauges(), stamped.sets(),
                    snapshot.flushIntervalMillis());
        }
        return out.bytes();
    }

    private void metrics(GraphiteBytes out, List<CounterValue> counters, List<TimerSamples> timers,
                         List<GaugeValue> gauges, List<SetMembers> sets, long flushIntervalMillis) {
        double perSecond = flushIntervalMillis / 1000.0;
        boolean counts = namespace.flushCounts();
        for (CounterValue counter : counters) {
            if (namespace.legacy()) {
                out.metric(namespace.counters(), counter.name());
                out.line(null, counter.value() / perSecond);
                if (counts) {
                    out.metric(namespace.counts(), counter.name());
                    out.line(null, counter.value());
                }
            } else {
                out.metric(namespace.counters(), counter.name());
                out.line("rate", counter.value() / perSecond);
                if (counts) {
                    out.line("count", counter.value());
                }
            }
        }
        for (TimerSamples timer : timers) {
            out.metric(namespace.timers(), timer.name());
            timerStatistics.compute(timer, flushIntervalMillis, out::line);
        }
        for (GaugeValue gauge : gauges) {
            out.metric(namespace.gauges(), gauge.name());
            out.line(null, gauge.value());
        }
        for (SetMembers set : sets) {
            out.metric(namespace.sets(), set.name());
            out.line("count", set.count());
        }
    }

    /**
     * A close upper estimate, so that the array seldom grows: about 44 bytes a line beside the key, the
     * keys' length taken from a sample, since reading every name once more would cost a cache miss each.
     */
    private long expectedBytes(Snapshot snapshot) {
        long timerLines = 9 + 5L * timerStatistics.percentCount();
        return 4096
                + 2 * snapshot.counters().size() * (sampledNameLength(snapshot.counters(), CounterValue::name) + 44L)
                + timerLines * snapshot.timers().size() * (sampledNameLength(snapshot.timers(), TimerSamples::name) + 44L)
                + snapshot.gauges().size() * (sampledNameLength(snapshot.gauges(), GaugeValue::name) + 44L)
                + snapshot.sets().size() * (sampledNameLength(snapshot.sets(), SetMembers::name) + 44L);
    }

    /** The mean length of up to 256 names spread over the list plus a margin of 16, but no more than the longest of them. */
    private static <T> long sampledNameLength(List<T> metrics, Function<T, String> name) {
        int size = metrics.size();
        if (size == 0) {
            return 0;
        }
        int step = Math.max(1, size / 256);
        long longest = 0;
        long total = 0;
        int sampled = 0;
        for (int i = 0; i < size; i += step) {
            int length = name.apply(metrics.get(i)).length();
            longest = Math.max(longest, length);
            total += length;
            sampled++;
        }
        return Math.min(longest, total / sampled + 16);
    }
}
