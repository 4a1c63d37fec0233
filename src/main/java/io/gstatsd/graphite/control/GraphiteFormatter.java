package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.control.TimerStatistics;
import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.graphite.entity.Namespace;

import java.util.function.LongSupplier;

/**
 * Turns a snapshot into Graphite plaintext lines ({@code name value epochSeconds\n}) with the names and
 * values Etsy statsd 0.9's graphite backend writes for the same input. A key's DogStatsD tags
 * ({@code ;k=v} after the name) stay at the end of every name, as Etsy's {@code format} puts them.
 * A pure function of the snapshot, apart from the timing figure {@code graphiteStats.calculationtime}.
 * Thread-safe: immutable.
 */
public final class GraphiteFormatter {

    private final Namespace namespace;
    private final TimerStatistics timerStatistics;
    private final LongSupplier nanoClock;

    public GraphiteFormatter(Namespace namespace, TimerStatistics timerStatistics, LongSupplier nanoClock) {
        this.namespace = namespace;
        this.timerStatistics = timerStatistics;
        this.nanoClock = nanoClock;
    }

    public String format(Snapshot snapshot) {
        long started = nanoClock.getAsLong();
        String ts = " " + snapshot.epochSeconds() + "\n";
        StringBuilder out = new StringBuilder(64 * (snapshot.numStats() + 8));
        double perSecond = snapshot.flushIntervalMillis() / 1000.0;
        for (CounterValue counter : snapshot.counters()) {
            if (namespace == Namespace.LEGACY) {
                line(out, namespace.counters(), counter.name(), null, counter.value() / perSecond, ts);
                line(out, "stats_counts", counter.name(), null, counter.value(), ts);
            } else {
                line(out, namespace.counters(), counter.name(), "rate", counter.value() / perSecond, ts);
                line(out, namespace.counters(), counter.name(), "count", counter.value(), ts);
            }
        }
        for (TimerSamples timer : snapshot.timers()) {
            timerStatistics.compute(timer, snapshot.flushIntervalMillis(),
                    (suffix, value) -> line(out, namespace.timers(), timer.name(), suffix, value, ts));
        }
        for (GaugeValue gauge : snapshot.gauges()) {
            line(out, namespace.gauges(), gauge.name(), null, gauge.value(), ts);
        }
        for (SetMembers set : snapshot.sets()) {
            line(out, namespace.sets(), set.name(), "count", set.count(), ts);
        }
        out.append(namespace.numStats()).append(' ').append(snapshot.numStats()).append(ts);
        long calculationMillis = (nanoClock.getAsLong() - started) / 1_000_000;
        out.append(namespace.statsd()).append(".graphiteStats.calculationtime ").append(calculationMillis).append(ts);
        out.append(namespace.statsd()).append(".processing_time ").append(snapshot.processingMillis()).append(ts);
        return out.toString();
    }

    private static void line(StringBuilder out, String prefix, String key, String suffix, double value, String ts) {
        MetricName.append(out, prefix, key, suffix);
        out.append(' ');
        PlainNumber.append(out, value);
        out.append(ts);
    }
}
