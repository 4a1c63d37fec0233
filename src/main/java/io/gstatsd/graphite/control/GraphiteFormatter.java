package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.control.TimerStatistics;
import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.graphite.entity.Namespace;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * Turns a snapshot into Graphite plaintext lines ({@code name value epochSeconds\n}) with the names and
 * values Etsy statsd 0.9's graphite backend writes for the same input. A key's DogStatsD tags
 * ({@code ;k=v} after the name) stay at the end of every name, as Etsy's {@code format} puts them.
 * A pure function of the snapshot, apart from the timing figure {@code graphiteStats.calculationtime}.
 * Thread-safe: immutable.
 */
public final class GraphiteFormatter {

    /** Characters of text encoded at a time: small enough to stay out of the old generation. */
    private static final int CHUNK = 32 * 1024;

    private final Namespace namespace;
    private final TimerStatistics timerStatistics;
    private final LongSupplier nanoClock;

    public GraphiteFormatter(Namespace namespace, TimerStatistics timerStatistics, LongSupplier nanoClock) {
        this.namespace = namespace;
        this.timerStatistics = timerStatistics;
        this.nanoClock = nanoClock;
    }

    /** The flush as text; for tests and small outputs (the sinks take {@link #formatBytes}). */
    public String format(Snapshot snapshot) {
        ByteBuffer bytes = formatBytes(snapshot);
        return StandardCharsets.UTF_8.decode(bytes).toString();
    }

    /**
     * The flush as UTF-8 bytes, built in chunks so that a flush of a million keys is held once, not three
     * times (see {@link GraphiteBytes}); a read-only buffer, positioned at its start.
     */
    public ByteBuffer formatBytes(Snapshot snapshot) {
        long started = nanoClock.getAsLong();
        String ts = " " + snapshot.epochSeconds() + "\n";
        GraphiteBytes bytes = new GraphiteBytes(expectedBytes(snapshot));
        StringBuilder out = new StringBuilder(CHUNK + 1024);
        double perSecond = snapshot.flushIntervalMillis() / 1000.0;
        for (CounterValue counter : snapshot.counters()) {
            if (namespace == Namespace.LEGACY) {
                line(out, namespace.counters(), counter.name(), null, counter.value() / perSecond, ts);
                line(out, "stats_counts", counter.name(), null, counter.value(), ts);
            } else {
                line(out, namespace.counters(), counter.name(), "rate", counter.value() / perSecond, ts);
                line(out, namespace.counters(), counter.name(), "count", counter.value(), ts);
            }
            drainFull(out, bytes);
        }
        for (TimerSamples timer : snapshot.timers()) {
            timerStatistics.compute(timer, snapshot.flushIntervalMillis(),
                    (suffix, value) -> line(out, namespace.timers(), timer.name(), suffix, value, ts));
            drainFull(out, bytes);
        }
        for (GaugeValue gauge : snapshot.gauges()) {
            line(out, namespace.gauges(), gauge.name(), null, gauge.value(), ts);
            drainFull(out, bytes);
        }
        for (SetMembers set : snapshot.sets()) {
            line(out, namespace.sets(), set.name(), "count", set.count(), ts);
            drainFull(out, bytes);
        }
        out.append(namespace.numStats()).append(' ').append(snapshot.numStats()).append(ts);
        long calculationMillis = (nanoClock.getAsLong() - started) / 1_000_000;
        out.append(namespace.statsd()).append(".graphiteStats.calculationtime ").append(calculationMillis).append(ts);
        out.append(namespace.statsd()).append(".processing_time ").append(snapshot.processingMillis()).append(ts);
        bytes.drain(out);
        return bytes.bytes();
    }

    private static void drainFull(StringBuilder out, GraphiteBytes bytes) {
        if (out.length() >= CHUNK) {
            bytes.drain(out);
        }
    }

    /** A close upper estimate, so that the array seldom grows: about 40 bytes a line beside the key. */
    private long expectedBytes(Snapshot snapshot) {
        long total = 4096;
        for (CounterValue counter : snapshot.counters()) {
            total += 2 * (counter.name().length() + 40L);
        }
        long timerLines = 9 + 5L * timerStatistics.percentCount();
        for (TimerSamples timer : snapshot.timers()) {
            total += timerLines * (timer.name().length() + 44L);
        }
        for (GaugeValue gauge : snapshot.gauges()) {
            total += gauge.name().length() + 40L;
        }
        for (SetMembers set : snapshot.sets()) {
            total += set.name().length() + 40L;
        }
        return total;
    }

    private static void line(StringBuilder out, String prefix, String key, String suffix, double value, String ts) {
        MetricName.append(out, prefix, key, suffix);
        out.append(' ');
        PlainNumber.append(out, value);
        out.append(ts);
    }
}
