package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.ServerTotals;
import io.gstatsd.vocabulary.control.EpochSeconds;
import io.gstatsd.vocabulary.entity.BadLine;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The server's own figures, named under Etsy's {@code prefixStats} ("statsd" unless configured): datagrams,
 * lines and bad lines received in the interval, unknown fields after a type, keys refused over {@code max-keys},
 * datagrams the kernel dropped, and
 * the lag between flushes.
 * <p>
 * Thread-safe for {@link #addDropSource}; the rest is called by the drain only (serialised by
 * {@link Aggregation}).
 */
final class ServerCounters {

    static final String BAD_LINES_SEEN = "statsd.bad_lines_seen";
    static final String PACKETS_RECEIVED = "statsd.packets_received";
    static final String METRICS_RECEIVED = "statsd.metrics_received";
    static final String KEYS_OVER_LIMIT = "statsd.keys_over_limit";
    static final String TIMESTAMP_LAG = "statsd.timestamp_lag";
    static final String KERNEL_DROPS = "statsd.kernel_drops";
    static final String UNKNOWN_FIELDS = "statsd.unknown_fields";

    private final KeyBudget budget;
    private final long flushIntervalMillis;
    private final String prefixStats;
    private final String badLinesSeen;
    private final String packetsReceived;
    private final String metricsReceived;
    private final String keysOverLimitName;
    private final String timestampLag;
    private final String kernelDrops;
    private final String unknownFieldsName;
    private final List<LongSupplier> dropSources = new CopyOnWriteArrayList<>();
    /** Other capabilities' own counters (the repeater's drops), each flushed as its increase. */
    private final List<CountedSource> countedSources = new CopyOnWriteArrayList<>();
    /** The sources' total at the last flush, or when the newest source was added. */
    private long previousDrops;
    private long previousFlushSeconds;

    // the current interval's sums
    private long packets;
    private long lines;
    private long badLines;
    private long unknownFields;
    private long keysOverLimit;
    /** Since start-up, as Etsy's admin {@code stats} reports it. */
    private long badLinesTotal;
    // since start-up, for the telemetry endpoint
    private long packetsTotal;
    private long linesTotal;
    private long unknownFieldsTotal;
    private long keysOverLimitTotal;
    private long kernelDropsTotal;
    private final long[] badLinesByReason = new long[BadLine.values().length];
    /** The last timestamp lag sent, which Etsy keeps among its gauges; NaN before the second flush. */
    private double lastLag = Double.NaN;

    ServerCounters(KeyBudget budget, long flushIntervalMillis) {
        this(budget, flushIntervalMillis, "statsd");
    }

    ServerCounters(KeyBudget budget, long flushIntervalMillis, String prefixStats) {
        this.budget = budget;
        this.flushIntervalMillis = flushIntervalMillis;
        this.prefixStats = prefixStats;
        this.badLinesSeen = renamed(BAD_LINES_SEEN, prefixStats);
        this.packetsReceived = renamed(PACKETS_RECEIVED, prefixStats);
        this.metricsReceived = renamed(METRICS_RECEIVED, prefixStats);
        this.keysOverLimitName = renamed(KEYS_OVER_LIMIT, prefixStats);
        this.timestampLag = renamed(TIMESTAMP_LAG, prefixStats);
        this.kernelDrops = renamed(KERNEL_DROPS, prefixStats);
        this.unknownFieldsName = renamed(UNKNOWN_FIELDS, prefixStats);
    }

    private static String renamed(String name, String prefixStats) {
        return prefixStats + name.substring(name.indexOf('.'));
    }

    /** A cumulative count flushed as {@code <prefixStats>.<name>}, its increase per interval, from now on. */
    void addCountedSource(String name, LongSupplier cumulative) {
        countedSources.add(new CountedSource(prefixStats + "." + name, cumulative));
    }

    /** Read by the drain only. */
    private static final class CountedSource {
        private final String name;
        private final LongSupplier cumulative;
        private long previous;

        CountedSource(String name, LongSupplier cumulative) {
            this.name = name;
            this.cumulative = cumulative;
            this.previous = cumulative.getAsLong();
        }

        long increase() {
            long now = cumulative.getAsLong();
            long increase = Math.max(0, now - previous);
            previous = now;
            return increase;
        }
    }

    synchronized void addDropSource(LongSupplier cumulativeDrops) {
        previousDrops += cumulativeDrops.getAsLong();
        dropSources.add(cumulativeDrops);
    }

    void add(Shard shard) {
        packets += shard.packets;
        lines += shard.lines;
        unknownFields += shard.unknownFields;
        packetsTotal += shard.packets;
        linesTotal += shard.lines;
        unknownFieldsTotal += shard.unknownFields;
        for (BadLine reason : BadLine.values()) {
            long seen = shard.badLines[reason.ordinal()];
            badLinesByReason[reason.ordinal()] += seen;
            if (reason == BadLine.TOO_MANY_KEYS) {
                keysOverLimit += seen;
                keysOverLimitTotal += seen;
            } else {
                badLines += seen;
                badLinesTotal += seen;
            }
        }
    }

    /** The interval's sums so far, as Etsy's counters object holds them between flushes. */
    void current(Map<String, Double> out) {
        out.put(badLinesSeen, (double) badLines);
        out.put(packetsReceived, (double) packets);
        out.put(metricsReceived, (double) lines);
    }

    long badLinesTotal() {
        return badLinesTotal;
    }

    /** The counts since start-up; kernel drops as of the last flush. */
    ServerTotals totals() {
        Map<BadLine, Long> bad = new EnumMap<>(BadLine.class);
        for (BadLine reason : BadLine.values()) {
            if (reason != BadLine.TOO_MANY_KEYS) {
                bad.put(reason, badLinesByReason[reason.ordinal()]);
            }
        }
        long drops;
        synchronized (this) {
            drops = kernelDropsTotal;
        }
        return new ServerTotals(packetsTotal, linesTotal, bad, unknownFieldsTotal, keysOverLimitTotal, drops,
                budget.used(), budget.maxKeys());
    }

    /** The gauge Etsy keeps for the lag, once there is one. */
    void lastLag(Map<String, Double> out) {
        if (!Double.isNaN(lastLag)) {
            out.put(timestampLag, lastLag);
        }
    }

    boolean hasLag() {
        return !Double.isNaN(lastLag);
    }

    /** The interval's counters, ahead of the received ones as Etsy lists them; resets the sums. */
    void endInterval(List<CounterValue> out) {
        out.add(new CounterValue(badLinesSeen, badLines));
        out.add(new CounterValue(packetsReceived, packets));
        out.add(new CounterValue(metricsReceived, lines));
        out.add(new CounterValue(unknownFieldsName, unknownFields));
        if (!dropSources.isEmpty()) {
            out.add(new CounterValue(kernelDrops, kernelDropsSinceLastFlush()));
        }
        for (CountedSource source : countedSources) {
            out.add(new CounterValue(source.name, source.increase()));
        }
        if (budget.used() >= budget.maxKeys() || keysOverLimit > 0) {
            out.add(new CounterValue(keysOverLimitName, keysOverLimit));
        }
        packets = 0;
        lines = 0;
        badLines = 0;
        unknownFields = 0;
        keysOverLimit = 0;
    }

    /** Etsy's {@code timestamp_lag}: how much later than one interval after the previous flush this one is. */
    void timestampLag(List<GaugeValue> out, long epochMillis) {
        long seconds = EpochSeconds.of(epochMillis);
        if (previousFlushSeconds > 0) {
            lastLag = seconds - previousFlushSeconds - flushIntervalMillis / 1000.0;
            out.add(new GaugeValue(timestampLag, lastLag));
        }
        previousFlushSeconds = seconds;
    }

    private synchronized long kernelDropsSinceLastFlush() {
        long drops = 0;
        for (LongSupplier source : dropSources) {
            drops += source.getAsLong();
        }
        long increase = Math.max(0, drops - previousDrops);
        previousDrops = drops;
        kernelDropsTotal += increase;
        return increase;
    }
}
