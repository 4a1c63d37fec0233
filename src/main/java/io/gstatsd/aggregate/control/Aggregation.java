package io.gstatsd.aggregate.control;

import io.gstatsd.vocabulary.control.EpochSeconds;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.vocabulary.entity.BadLine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * All metrics of the server: one {@link ShardPair} per receiver, and what outlives an interval (gauge
 * values, which keys exist). {@link #drain} swaps every receiver's shard out and merges them into a
 * {@link Snapshot} with Etsy statsd's idle behaviour: idle counters, timers and sets are sent as zero and
 * gauges keep their last value, unless {@code deleteIdle}.
 * <p>
 * Thread-safe: receivers call {@link #newShardPair} once; {@link #drain} is synchronised, so only one
 * flush merges at a time, and it never blocks a receiver.
 */
public final class Aggregation {

    /** Internal counters, named as Etsy's {@code prefixStats} "statsd" names them. */
    public static final String BAD_LINES_SEEN = "statsd.bad_lines_seen";
    public static final String PACKETS_RECEIVED = "statsd.packets_received";
    public static final String METRICS_RECEIVED = "statsd.metrics_received";
    public static final String KEYS_OVER_LIMIT = "statsd.keys_over_limit";
    public static final String TIMESTAMP_LAG = "statsd.timestamp_lag";
    /** Datagrams the kernel dropped before the server could read them (receive buffer overflow). */
    public static final String KERNEL_DROPS = "statsd.kernel_drops";

    private final KeyRegistries registries;
    private final String prefix;
    private final boolean deleteIdle;
    private final long flushIntervalMillis;
    private final LongSupplier nanoClock;
    private final List<ShardPair> pairs = new CopyOnWriteArrayList<>();
    private final List<LongSupplier> dropSources = new CopyOnWriteArrayList<>();
    /** The sources' total at the last flush, or when the newest source was added. */
    private long previousDrops;

    private double[] gaugeValues = new double[256];
    private boolean[] gaugeKnown = new boolean[256];
    private long previousFlushSeconds;
    private final long[] badLinesTotal = new long[BadLine.values().length];

    public Aggregation(KeyRegistries registries, String prefix, boolean deleteIdle, long flushIntervalMillis,
                       LongSupplier nanoClock) {
        if (flushIntervalMillis < 1) {
            throw new IllegalArgumentException("flushIntervalMillis must be >= 1, got " + flushIntervalMillis);
        }
        this.registries = registries;
        this.prefix = prefix;
        this.deleteIdle = deleteIdle;
        this.flushIntervalMillis = flushIntervalMillis;
        this.nanoClock = nanoClock;
    }

    public ShardPair newShardPair() {
        KeyTables keys = KeyTables.of(registries, prefix);
        ShardPair pair = new ShardPair(new Shard(keys), new Shard(keys));
        pairs.add(pair);
        return pair;
    }

    /**
     * A cumulative count of datagrams lost before reception; each flush reports its increase, the first
     * flush counting from now (a receiver still being compiled loses most in its first seconds).
     */
    public synchronized void addDropSource(LongSupplier cumulativeDrops) {
        previousDrops += cumulativeDrops.getAsLong();
        dropSources.add(cumulativeDrops);
    }

    public KeyRegistries registries() {
        return registries;
    }

    /** Bad lines since start, by {@link BadLine} ordinal; a copy. */
    public synchronized long[] badLinesTotal() {
        return badLinesTotal.clone();
    }

    /** Ends the interval: swaps out and merges every receiver's shard. */
    public synchronized Snapshot drain(long epochMillis) {
        long started = nanoClock.getAsLong();
        Merge merge = new Merge();
        for (ShardPair pair : pairs) {
            pair.drain(merge::add);
        }
        List<CounterValue> counters = merge.counters();
        List<TimerSamples> timers = merge.timers();
        List<GaugeValue> gauges = merge.gauges(epochMillis);
        List<SetMembers> sets = merge.sets();
        long processingMillis = (nanoClock.getAsLong() - started) / 1_000_000;
        return new Snapshot(epochMillis, flushIntervalMillis, counters, timers, gauges, sets, processingMillis);
    }

    private long kernelDropsSinceLastFlush() {
        long drops = 0;
        for (LongSupplier source : dropSources) {
            drops += source.getAsLong();
        }
        long increase = Math.max(0, drops - previousDrops);
        previousDrops = drops;
        return increase;
    }

    /** The state of one drain; the registries' sizes are read after the swaps, so they cover every id written. */
    private final class Merge {
        private long packets;
        private long lines;
        private long badLines;
        private long keysOverLimit;

        void add(Shard shard) {
            packets += shard.packets;
            lines += shard.lines;
            for (BadLine reason : BadLine.values()) {
                long seen = shard.badLines[reason.ordinal()];
                badLinesTotal[reason.ordinal()] += seen;
                if (reason == BadLine.TOO_MANY_KEYS) {
                    keysOverLimit += seen;
                } else {
                    badLines += seen;
                }
            }
            mergeGauges(shard);
            mergeTimers(shard);
            mergeSets(shard);
            mergeCounters(shard);
        }

        // Counters -------------------------------------------------------------------------------------
        private double[] counterTotals = new double[0];
        private boolean[] counterTouched = new boolean[0];

        private void mergeCounters(Shard shard) {
            int n = registries.counters().size();
            if (counterTotals.length < n) {
                counterTotals = Arrays.copyOf(counterTotals, n);
                counterTouched = Arrays.copyOf(counterTouched, n);
            }
            for (int i = 0; i < shard.countersTouched.size(); i++) {
                int id = shard.countersTouched.get(i);
                counterTotals[id] += shard.counterValues[id];
                counterTouched[id] = true;
            }
        }

        List<CounterValue> counters() {
            String[] names = registries.counters().names();
            List<CounterValue> result = new ArrayList<>(names.length + 4);
            result.add(new CounterValue(BAD_LINES_SEEN, badLines));
            result.add(new CounterValue(PACKETS_RECEIVED, packets));
            result.add(new CounterValue(METRICS_RECEIVED, lines));
            if (!dropSources.isEmpty()) {
                result.add(new CounterValue(KERNEL_DROPS, kernelDropsSinceLastFlush()));
            }
            if (registries.budget().used() >= registries.budget().maxKeys() || keysOverLimit > 0) {
                result.add(new CounterValue(KEYS_OVER_LIMIT, keysOverLimit));
            }
            for (int id = 0; id < names.length; id++) {
                boolean touched = id < counterTouched.length && counterTouched[id];
                if (touched || !deleteIdle) {
                    result.add(new CounterValue(names[id], touched ? counterTotals[id] : 0));
                }
            }
            return result;
        }

        // Timers ---------------------------------------------------------------------------------------
        private final List<double[]> timerParts = new ArrayList<>();
        private double[][] timerValues = new double[0][];
        private double[] timerCounts = new double[0];

        private void mergeTimers(Shard shard) {
            int n = registries.timers().size();
            if (timerValues.length < n) {
                timerValues = Arrays.copyOf(timerValues, n);
                timerCounts = Arrays.copyOf(timerCounts, n);
            }
            for (int i = 0; i < shard.timersTouched.size(); i++) {
                int id = shard.timersTouched.get(i);
                SampleBuffer samples = shard.timerSamples[id];
                double[] previous = timerValues[id];
                int offset = previous == null ? 0 : previous.length;
                double[] merged = previous == null ? new double[samples.size()] : Arrays.copyOf(previous, offset + samples.size());
                samples.copyTo(merged, offset);
                timerValues[id] = merged;
                timerCounts[id] += samples.weightedCount();
            }
        }

        List<TimerSamples> timers() {
            String[] names = registries.timers().names();
            List<TimerSamples> result = new ArrayList<>(names.length);
            for (int id = 0; id < names.length; id++) {
                double[] values = id < timerValues.length ? timerValues[id] : null;
                if (values != null) {
                    Arrays.sort(values);
                    result.add(new TimerSamples(names[id], values, timerCounts[id]));
                } else if (!deleteIdle) {
                    result.add(new TimerSamples(names[id], new double[0], 0));
                }
            }
            return result;
        }

        // Gauges: applied in shard order onto the values kept across intervals ---------------------------
        private boolean[] gaugeTouched = new boolean[0];

        private void mergeGauges(Shard shard) {
            int n = registries.gauges().size();
            if (gaugeValues.length < n) {
                gaugeValues = Arrays.copyOf(gaugeValues, Math.max(n, gaugeValues.length * 2));
                gaugeKnown = Arrays.copyOf(gaugeKnown, gaugeValues.length);
            }
            if (gaugeTouched.length < n) {
                gaugeTouched = Arrays.copyOf(gaugeTouched, n);
            }
            for (int i = 0; i < shard.gaugesTouched.size(); i++) {
                int id = shard.gaugesTouched.get(i);
                double value = shard.gaugeValues[id];
                if (shard.gaugeModes[id] == Shard.GAUGE_SET || !gaugeKnown[id]) {
                    gaugeValues[id] = value;
                } else {
                    gaugeValues[id] += value;
                }
                gaugeKnown[id] = true;
                gaugeTouched[id] = true;
            }
        }

        List<GaugeValue> gauges(long epochMillis) {
            String[] names = registries.gauges().names();
            List<GaugeValue> result = new ArrayList<>(names.length + 1);
            for (int id = 0; id < names.length && id < gaugeKnown.length; id++) {
                if (!gaugeKnown[id]) {
                    continue;
                }
                boolean touched = id < gaugeTouched.length && gaugeTouched[id];
                if (deleteIdle && !touched) {
                    gaugeKnown[id] = false;
                    continue;
                }
                result.add(new GaugeValue(names[id], gaugeValues[id]));
            }
            long seconds = EpochSeconds.of(epochMillis);
            if (previousFlushSeconds > 0) {
                result.add(new GaugeValue(TIMESTAMP_LAG, seconds - previousFlushSeconds - flushIntervalMillis / 1000.0));
            }
            previousFlushSeconds = seconds;
            return result;
        }

        // Sets -----------------------------------------------------------------------------------------
        private MemberSet[] setUnion = new MemberSet[0];

        private void mergeSets(Shard shard) {
            int n = registries.sets().size();
            if (setUnion.length < n) {
                setUnion = Arrays.copyOf(setUnion, n);
            }
            for (int i = 0; i < shard.setsTouched.size(); i++) {
                int id = shard.setsTouched.get(i);
                if (setUnion[id] == null) {
                    setUnion[id] = new MemberSet();
                }
                setUnion[id].addAll(shard.setMembers[id]);
            }
        }

        List<SetMembers> sets() {
            String[] names = registries.sets().names();
            List<SetMembers> result = new ArrayList<>(names.length);
            for (int id = 0; id < names.length; id++) {
                MemberSet members = id < setUnion.length ? setUnion[id] : null;
                if (members != null) {
                    result.add(new SetMembers(names[id], members.toArray()));
                } else if (!deleteIdle) {
                    result.add(new SetMembers(names[id], new long[0]));
                }
            }
            return result;
        }
    }
}
