package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.KeyActivity;
import io.gstatsd.aggregate.entity.KeyKind;
import io.gstatsd.aggregate.entity.KeyNaming;
import io.gstatsd.aggregate.entity.LiveMetrics;
import io.gstatsd.aggregate.entity.ServerTotals;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.configuration.entity.IdleDeletion;
import io.gstatsd.configuration.entity.TagMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * All metrics of the server: one {@link ShardPair} per receiver, and what outlives an interval (gauge
 * values, which keys exist, the server's own counters). {@link #drain} swaps every receiver's shard out and
 * merges them into a {@link Snapshot} with Etsy statsd's idle behaviour: idle counters, timers and sets are
 * sent as zero and gauges keep their last value, unless that type's {@link IdleDeletion} is on (a gauge is
 * then deleted after {@code gaugesMaxTtl} idle intervals, and counters named like the server's own are
 * never deleted, as in Etsy). A key deleted as idle, or idle longer than {@code keyTtlMillis}, is forgotten
 * ({@link KeyLife}): its id, table entries and place under {@code max-keys} are given back. Points a client stamped with its own second ({@code |T}) have keys of their
 * own ({@code stampedRegistries}, under the same {@code max-keys}), forgotten as soon as an interval has none
 * of their points, and leave in the snapshot's {@code stamped} part, at their second.
 * <p>
 * Thread-safe: receivers call {@link #newShardPair} once; {@link #drain} is synchronised, so only one
 * flush merges at a time, and it never blocks a receiver.
 */
public final class Aggregation {

    /** Internal counters, named as Etsy's {@code prefixStats} "statsd" names them. */
    public static final String BAD_LINES_SEEN = ServerCounters.BAD_LINES_SEEN;
    public static final String PACKETS_RECEIVED = ServerCounters.PACKETS_RECEIVED;
    public static final String METRICS_RECEIVED = ServerCounters.METRICS_RECEIVED;
    public static final String KEYS_OVER_LIMIT = ServerCounters.KEYS_OVER_LIMIT;
    public static final String TIMESTAMP_LAG = ServerCounters.TIMESTAMP_LAG;
    /** Datagrams the kernel dropped before the server could read them (receive buffer overflow). */
    public static final String KERNEL_DROPS = ServerCounters.KERNEL_DROPS;
    /** Fields after a metric's type that gstatsd does not know ({@code |x...}); their metrics still count. */
    public static final String UNKNOWN_FIELDS = ServerCounters.UNKNOWN_FIELDS;

    private final KeyRegistries registries;
    private final KeyRegistries stampedRegistries;
    private final KeyNaming naming;
    private final IdleDeletion deletion;
    private final long flushIntervalMillis;
    private final LongSupplier nanoClock;
    private final List<ShardPair> pairs = new CopyOnWriteArrayList<>();
    private final GaugeMemory gauges;
    private final ServerCounters serverCounters;
    private final KeyLife counterLife;
    private final KeyLife timerLife;
    private final KeyLife gaugeLife;
    private final KeyLife setLife;
    private final StampedLife stampedLife;
    /** Written by the flush thread, read by health checks. */
    private volatile long lastDrainNanos;
    /** A previous process's snapshot waiting for the next drain ({@link #carryOver}), or null. */
    private ShardPair carriedPair;
    private Shard carried;
    private final long createdNanos;
    private boolean flushed;
    /** How many gauge ids there were when the lag gauge first appeared: Etsy lists it among its gauges there. */
    private int gaugesBeforeLag = -1;
    // the interval so far: what the drains and admin commands have swapped out of the shards since the last drain
    private CounterMerge counters;
    private TimerMerge timers;
    private SetMerge sets;
    private StampedMerge stamped;

    /** Keys kept for ever unless {@code deleteIdle} (Etsy's behaviour). */
    public Aggregation(KeyRegistries registries, String prefix, boolean deleteIdle, long flushIntervalMillis,
                       LongSupplier nanoClock) {
        this(registries, prefix, deleteIdle, 0, flushIntervalMillis, nanoClock);
    }

    /** Tags as Graphite tagged series ({@code gstatsd.tags=graphite}). */
    public Aggregation(KeyRegistries registries, String prefix, boolean deleteIdle, long keyTtlMillis,
                       long flushIntervalMillis, LongSupplier nanoClock) {
        this(registries, prefix, TagMode.GRAPHITE, deleteIdle, keyTtlMillis, flushIntervalMillis, nanoClock);
    }

    /**
     * @param tagMode      what becomes of a key's tags ({@code gstatsd.tags})
     * @param keyTtlMillis how long an idle key is kept; 0 for ever
     */
    public Aggregation(KeyRegistries registries, String prefix, TagMode tagMode, boolean deleteIdle,
                       long keyTtlMillis, long flushIntervalMillis, LongSupplier nanoClock) {
        this(registries, new KeyNaming(prefix, tagMode, "statsd", true), IdleDeletion.all(deleteIdle), keyTtlMillis,
                flushIntervalMillis, nanoClock);
    }

    /**
     * @param naming       the prefixes and how keys are read ({@code gstatsd.tags}, Etsy's {@code keyNameSanitize})
     * @param deletion     which types are deleted when idle (Etsy's {@code delete*} and {@code gaugesMaxTTL})
     * @param keyTtlMillis how long an idle key is kept; 0 for ever
     */
    public Aggregation(KeyRegistries registries, KeyNaming naming, IdleDeletion deletion, long keyTtlMillis,
                       long flushIntervalMillis, LongSupplier nanoClock) {
        if (flushIntervalMillis < 1) {
            throw new IllegalArgumentException("flushIntervalMillis must be >= 1, got " + flushIntervalMillis);
        }
        this.registries = registries;
        this.stampedRegistries = KeyRegistries.sharing(registries.budget());
        this.naming = naming;
        this.deletion = deletion;
        this.flushIntervalMillis = flushIntervalMillis;
        this.nanoClock = nanoClock;
        this.gauges = new GaugeMemory(registries.gauges(), deletion.gauges() ? deletion.gaugesMaxTtl() : 0);
        this.serverCounters = new ServerCounters(registries.budget(), flushIntervalMillis, naming.prefixStats());
        KeyRegistry counterKeys = registries.counters();
        this.counterLife = new KeyLife(counterKeys, deletion.counters() ? 1 : 0, keyTtlMillis,
                id -> CounterMerge.keptWhenIdle(counterKeys.nameOf(id)));
        this.timerLife = new KeyLife(registries.timers(), deletion.timers(), keyTtlMillis);
        this.gaugeLife = new KeyLife(registries.gauges(), deletion.gauges() ? deletion.gaugesMaxTtl() : 0, keyTtlMillis,
                id -> false);
        this.setLife = new KeyLife(registries.sets(), deletion.sets(), keyTtlMillis);
        this.stampedLife = new StampedLife(stampedRegistries);
        this.lastDrainNanos = nanoClock.getAsLong();
        this.createdNanos = nanoClock.getAsLong();
        newInterval();
    }

    private void newInterval() {
        counters = new CounterMerge(registries.counters());
        timers = new TimerMerge(registries.timers());
        sets = new SetMerge(registries.sets());
        stamped = new StampedMerge(stampedRegistries);
    }

    public ShardPair newShardPair() {
        KeyTables keys = KeyTables.of(registries, naming);
        KeyTables stampedKeys = KeyTables.of(stampedRegistries, naming);
        ShardPair pair = new ShardPair(keys, stampedKeys, new Shard(keys, stampedKeys), new Shard(keys, stampedKeys),
                nanoClock);
        pairs.add(pair);
        return pair;
    }

    /**
     * A cumulative count of datagrams lost before reception; each flush reports its increase, the first
     * flush counting from now (a receiver still being compiled loses most in its first seconds).
     */
    public void addDropSource(LongSupplier cumulativeDrops) {
        serverCounters.addDropSource(cumulativeDrops);
    }

    /**
     * Takes over the last snapshot of a previous process and when its keys were last active, saved at its
     * shutdown ({@link CarriedShard}): its keys, its gauges' values, and with {@code intoThisInterval} its
     * counts, samples and members, which the next drain merges first, so a gauge line received since applies
     * to the carried value.
     *
     * @return how many keys were carried over
     */
    public synchronized int carryOver(Snapshot previous, KeyActivity activity, boolean intoThisInterval) {
        if (carriedPair == null) {
            KeyTables neverLookedUp = KeyTables.of(registries, "", naming.tagMode());
            KeyTables stampedNeverLookedUp = KeyTables.of(stampedRegistries, "", naming.tagMode());
            carried = new Shard(neverLookedUp, stampedNeverLookedUp);
            carriedPair = new ShardPair(neverLookedUp, stampedNeverLookedUp, carried,
                    new Shard(neverLookedUp, stampedNeverLookedUp), nanoClock);
            pairs.add(0, carriedPair);
        }
        return new CarriedShard(registries, stampedRegistries, counterLife, timerLife, gaugeLife, setLife, gauges, carried)
                .write(previous, activity, intoThisInterval);
    }

    /** When each live key was last active, as of the last drain: saved with the partial interval at shutdown. */
    public synchronized KeyActivity keyActivity() {
        return new KeyActivity(counterLife.activity(), timerLife.activity(), gaugeLife.activity(), setLife.activity());
    }

    /** The carried shard is merged by one drain; its pair would only collect retirements it never reads. */
    private void forgetCarriedPair() {
        if (carriedPair != null) {
            pairs.remove(carriedPair);
            carriedPair = null;
            carried = null;
        }
    }

    /**
     * Another capability's own cumulative count, flushed from now on as the counter
     * {@code <prefixStats>.<name>} (its increase per interval), among the server's own.
     */
    public void addCountedSource(String name, LongSupplier cumulative) {
        serverCounters.addCountedSource(name, cumulative);
    }

    /** The server's own counts since start-up, as of the last flush (or admin dump), for the telemetry endpoint. */
    public synchronized ServerTotals totals() {
        return serverCounters.totals();
    }

    public KeyRegistries registries() {
        return registries;
    }

    /** Since the last drain began (or since creation, before the first): whether flushes still happen. */
    public long nanosSinceLastDrain() {
        return nanoClock.getAsLong() - lastDrainNanos;
    }

    /** Swaps out every receiver's shard and merges it into the interval so far. */
    private void collect() {
        for (ShardPair pair : pairs) {
            pair.drain(shard -> {
                serverCounters.add(shard);
                gauges.add(shard);
                timers.add(shard);
                sets.add(shard);
                counters.add(shard);
                stamped.add(shard);
            });
        }
    }

    /** Ends the interval: swaps out and merges every receiver's shard. */
    public synchronized Snapshot drain(long epochMillis) {
        long started = nanoClock.getAsLong();
        long startedWall = System.currentTimeMillis();
        lastDrainNanos = started;
        collect();
        forgetCarriedPair();
        flushed = true;
        CounterMerge counters = this.counters;
        TimerMerge timers = this.timers;
        SetMerge sets = this.sets;
        StampedMerge stamped = this.stamped;
        newInterval();
        Retirement retirement = new Retirement(
                counterLife.endInterval(counters::touched, epochMillis, id -> { }),
                timerLife.endInterval(timers::touched, epochMillis, id -> { }),
                forgetting(gaugeLife.endInterval(gauges::touched, epochMillis, gauges::forget)),
                setLife.endInterval(sets::touched, epochMillis, id -> { }));
        Retirement stampedRetirement = stampedLife.endInterval(stamped, epochMillis);
        for (ShardPair pair : pairs) {
            pair.retire(retirement, stampedRetirement);
        }
        List<CounterValue> counterValues = new ArrayList<>(registries.counters().size() + 5);
        serverCounters.endInterval(counterValues);
        counters.addTo(counterValues, deletion.counters());
        List<GaugeValue> gaugeValues = new ArrayList<>(registries.gauges().size() + 1);
        // the wall clock when the drain began, not the interval's end: a drain may run late, by more on one
        // member than on another, and gauges' receive times must compare across members
        gauges.endInterval(gaugeValues, startedWall, started);
        serverCounters.timestampLag(gaugeValues, epochMillis);
        if (gaugesBeforeLag < 0 && serverCounters.hasLag()) {
            gaugesBeforeLag = registries.gauges().size();
        }
        long processingMillis = (nanoClock.getAsLong() - started) / 1_000_000;
        return new Snapshot(epochMillis, flushIntervalMillis, counterValues, timers.timers(deletion.timers()), gaugeValues,
                sets.sets(deletion.sets()), processingMillis, stamped.stamped());
    }

    /**
     * The interval so far as Etsy's admin commands show it (collecting the receivers' shards first): counters
     * and timers written since the last flush, or idle but kept (0 and no samples), and every gauge's value.
     */
    public synchronized LiveMetrics peek() {
        collect();
        Map<String, Double> counterSums = new LinkedHashMap<>();
        serverCounters.current(counterSums);
        String[] names = registries.counters().names();
        for (int id = 0; id < names.length; id++) {
            if (names[id] != null && (counters.touched(id) || !deletion.counters() || CounterMerge.keptWhenIdle(names[id]))) {
                counterSums.put(names[id], counters.valueOf(id));
            }
        }
        Map<String, double[]> timerSamples = new LinkedHashMap<>();
        names = registries.timers().names();
        for (int id = 0; id < names.length; id++) {
            double[] samples = names[id] == null ? null : timers.samplesOf(id);
            if (samples != null || names[id] != null && !deletion.timers()) {
                timerSamples.put(names[id], samples == null ? new double[0] : samples);
            }
        }
        Map<String, Double> gaugeValues = new LinkedHashMap<>();
        names = registries.gauges().names();
        for (int id = 0; id < names.length; id++) {
            if (id == gaugesBeforeLag) {
                serverCounters.lastLag(gaugeValues);
            }
            if (names[id] != null && gauges.known(id)) {
                gaugeValues.put(names[id], gauges.valueOf(id));
            }
        }
        serverCounters.lastLag(gaugeValues);
        return new LiveMetrics(counterSums, timerSamples, gaugeValues);
    }

    /**
     * Deletes keys now, as Etsy's admin {@code delcounters}, {@code deltimers} and {@code delgauges} do: what the
     * interval gathered for them is dropped and they are not flushed until written again.
     *
     * @param names keys as {@link #peek} shows them; unknown ones are skipped
     */
    public synchronized void delete(KeyKind kind, Collection<String> names) {
        collect();
        KeyRegistry registry = switch (kind) {
            case COUNTER -> registries.counters();
            case TIMER -> registries.timers();
            case GAUGE -> registries.gauges();
            case SET -> registries.sets();
        };
        int[] ids = names.stream().mapToInt(registry::find).filter(id -> id >= 0).distinct().toArray();
        if (ids.length == 0) {
            return;
        }
        int[] none = new int[0];
        Retirement retirement = switch (kind) {
            case COUNTER -> {
                Arrays.stream(ids).forEach(counters::forget);
                counterLife.retireNow(ids);
                yield new Retirement(ids, none, none, none);
            }
            case TIMER -> {
                Arrays.stream(ids).forEach(timers::forget);
                timerLife.retireNow(ids);
                yield new Retirement(none, ids, none, none);
            }
            case GAUGE -> {
                Arrays.stream(ids).forEach(gauges::forget);
                gaugeLife.retireNow(ids);
                yield new Retirement(none, none, ids, none);
            }
            case SET -> {
                setLife.retireNow(ids);
                yield new Retirement(none, none, none, ids);
            }
        };
        Retirement noStamped = new Retirement(none, none, none, none);
        for (ShardPair pair : pairs) {
            pair.retire(retirement, noStamped);
        }
    }

    /** Whether an interval has ended since start-up. */
    public synchronized boolean flushed() {
        return flushed;
    }

    /** Nanoseconds (on the aggregation's clock) since any receiver last wrote a datagram, or since start-up. */
    public long nanosSinceLastDatagram() {
        long last = createdNanos;
        for (ShardPair pair : pairs) {
            last = Math.max(last, pair.lastWriteNanos());
        }
        return nanoClock.getAsLong() - last;
    }

    /** Bad lines since start-up (Etsy's {@code messages.bad_lines_seen}), as of the last collection. */
    public synchronized long badLinesSeen() {
        collect();
        return serverCounters.badLinesTotal();
    }

    /** A gauge deleted as idle loses its value at once: a delta that brings it back starts from 0, as in Etsy. */
    private int[] forgetting(int[] retiredGauges) {
        if (deletion.gauges()) {
            for (int id : retiredGauges) {
                gauges.forget(id);
            }
        }
        return retiredGauges;
    }
}
