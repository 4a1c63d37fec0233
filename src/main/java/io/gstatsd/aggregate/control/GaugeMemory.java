package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.GaugeValue;

import java.util.Arrays;
import java.util.List;

/**
 * The gauges' values across intervals: a gauge keeps its last value until it is set again (Etsy statsd),
 * and a delta applies to that value. Each drain applies the shards' gauge lines in shard order.
 * <p>
 * With Etsy's {@code deleteGauges}, a value is forgotten once it has been flushed {@code flushesKept}
 * ({@code gaugesMaxTTL}) times since its last write, written in the interval or not: with the default of one,
 * every flush forgets it, so a delta in the next interval starts from 0 again, as in Etsy.
 * <p>
 * Not thread-safe: only the drain (serialised by {@link Aggregation}) uses it.
 */
final class GaugeMemory {

    private final KeyRegistry registry;
    /** 0: values are kept until the key is forgotten. */
    private final int flushesKept;
    private double[] values = new double[256];
    private boolean[] known = new boolean[256];
    /** Flushes each value has left, with {@code flushesKept}. */
    private int[] flushesLeft = new int[256];
    /** When each value's last line arrived ({@link Shard#gaugeNanos}); Long.MIN_VALUE: unknown. */
    private long[] setNanos = new long[256];
    /** The gauges set or changed in the current drain. */
    private boolean[] touched = new boolean[0];

    GaugeMemory(KeyRegistry registry) {
        this(registry, 0);
    }

    /** @param flushesKept how many flushes a value is sent after its last write; 0 for ever */
    GaugeMemory(KeyRegistry registry, int flushesKept) {
        if (flushesKept < 0) {
            throw new IllegalArgumentException("flushesKept must be >= 0, got " + flushesKept);
        }
        this.registry = registry;
        this.flushesKept = flushesKept;
    }

    void add(Shard shard) {
        int n = registry.size();
        if (values.length < n) {
            values = Arrays.copyOf(values, Math.max(n, values.length * 2));
            known = Arrays.copyOf(known, values.length);
            flushesLeft = Arrays.copyOf(flushesLeft, values.length);
            setNanos = Arrays.copyOf(setNanos, values.length);
        }
        if (touched.length < n) {
            touched = Arrays.copyOf(touched, n);
        }
        for (int i = 0; i < shard.gaugesTouched.size(); i++) {
            int id = shard.gaugesTouched.get(i);
            double value = shard.gaugeValues[id];
            if (shard.gaugeModes[id] == Shard.GAUGE_SET || !known[id]) {
                values[id] = value;
            } else {
                values[id] += value;
            }
            known[id] = true;
            setNanos[id] = shard.gaugeNanos[id];
            touched[id] = true;
            flushesLeft[id] = flushesKept;
        }
    }

    /** A gauge carried over from a previous process: known, with its value, but not set in this interval. */
    void restore(int id, double value) {
        if (id >= values.length) {
            values = Arrays.copyOf(values, Math.max(id + 1, values.length * 2));
            known = Arrays.copyOf(known, values.length);
            setNanos = Arrays.copyOf(setNanos, values.length);
        }
        values[id] = value;
        known[id] = true;
        setNanos[id] = Long.MIN_VALUE;
    }

    boolean touched(int id) {
        return id < touched.length && touched[id];
    }

    /** Whether a gauge has a value now (Etsy's gauges object holds it). */
    boolean known(int id) {
        return id < known.length && known[id];
    }

    double valueOf(int id) {
        return known(id) ? values[id] : 0;
    }

    /** A released id starts with no value: the next key to get it must not inherit one. */
    void forget(int id) {
        if (id < known.length) {
            known[id] = false;
            values[id] = 0;
        }
    }

    /**
     * Ends the drain: every known gauge with its value. A gauge deleted as idle was forgotten just before
     * ({@link #forget}: a later delta starts from 0 again, as in Etsy).
     */
    void endInterval(List<GaugeValue> out) {
        endInterval(out, 0, 0);
    }

    /**
     * @param wallMillis the wall clock at {@code drainNanos}
     * @param drainNanos when the drain began, on the shards' nano clock: with {@code wallMillis}, it places each
     *                   gauge's last line on the wall clock
     */
    void endInterval(List<GaugeValue> out, long wallMillis, long drainNanos) {
        String[] names = registry.names();
        for (int id = 0; id < names.length && id < known.length; id++) {
            if (!known[id]) {
                continue;
            }
            if (names[id] == null) {
                continue;   // retiring: idle longer than the key TTL
            }
            long received = setNanos[id] == Long.MIN_VALUE || wallMillis == 0 ? 0
                    : wallMillis - (drainNanos - setNanos[id]) / 1_000_000;
            out.add(new GaugeValue(names[id], values[id], id < touched.length && touched[id], received));
            if (flushesKept > 0 && --flushesLeft[id] <= 0) {
                known[id] = false;
                values[id] = 0;
            }
        }
        Arrays.fill(touched, false);
    }
}
