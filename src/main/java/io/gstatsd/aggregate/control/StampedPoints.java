package io.gstatsd.aggregate.control;

import java.util.Arrays;

/**
 * One shard's points that clients stamped with their own second (DogStatsD {@code |T}), aggregated per
 * metric type, key id and second: counters summed, timer samples gathered, gauges set or changed, set
 * members collected. A point already held costs a hash and no allocation; its buffers are reused across
 * intervals, as the shard's are.
 * <p>
 * Single-threaded: its shard's receiver writes it; the drain reads it after the swap.
 */
final class StampedPoints {

    static final byte COUNTER = 0;
    static final byte TIMER = 1;
    static final byte GAUGE = 2;
    static final byte SET = 3;

    byte[] types = new byte[16];
    int[] ids = new int[16];
    long[] seconds = new long[16];
    /** A counter's sum, or a gauge's value. */
    double[] values = new double[16];
    byte[] gaugeModes = new byte[16];
    SampleBuffer[] samples = new SampleBuffer[16];
    MemberSet[] members = new MemberSet[16];
    int size;

    /** point + 1 for each slot, 0 when empty; at most half full. */
    private int[] slots = new int[32];

    void counter(int id, long epochSeconds, double value) {
        int point = point(COUNTER, id, epochSeconds);   // first: it may grow the arrays
        values[point] += value;
    }

    void timer(int id, long epochSeconds, double value, double sampleRate) {
        int point = point(TIMER, id, epochSeconds);
        if (samples[point] == null) {
            samples[point] = new SampleBuffer();
        }
        samples[point].add(value, sampleRate);
    }

    /** Samples whose weights are known only as a sum: a point carried over from a previous process. */
    void timerSamples(int id, long epochSeconds, double[] values, double weightedCount) {
        int point = point(TIMER, id, epochSeconds);
        if (samples[point] == null) {
            samples[point] = new SampleBuffer();
        }
        samples[point].addAll(values, weightedCount);
    }

    void gauge(int id, long epochSeconds, double value, boolean delta) {
        int point = point(GAUGE, id, epochSeconds);
        if (delta) {
            values[point] += value;
        } else {
            values[point] = value;
            gaugeModes[point] = Shard.GAUGE_SET;
        }
    }

    void set(int id, long epochSeconds, long memberHash) {
        int point = point(SET, id, epochSeconds);
        if (members[point] == null) {
            members[point] = new MemberSet();
        }
        members[point].add(memberHash);
    }

    private int point(byte type, int id, long epochSeconds) {
        int mask = slots.length - 1;
        int slot = hash(type, id, epochSeconds) & mask;
        while (slots[slot] != 0) {
            int point = slots[slot] - 1;
            if (ids[point] == id && seconds[point] == epochSeconds && types[point] == type) {
                return point;
            }
            slot = (slot + 1) & mask;
        }
        return insert(slot, type, id, epochSeconds);
    }

    private int insert(int slot, byte type, int id, long epochSeconds) {
        if (size == ids.length) {
            int capacity = size * 2;
            types = Arrays.copyOf(types, capacity);
            ids = Arrays.copyOf(ids, capacity);
            seconds = Arrays.copyOf(seconds, capacity);
            values = Arrays.copyOf(values, capacity);
            gaugeModes = Arrays.copyOf(gaugeModes, capacity);
            samples = Arrays.copyOf(samples, capacity);
            members = Arrays.copyOf(members, capacity);
        }
        int point = size++;
        types[point] = type;
        ids[point] = id;
        seconds[point] = epochSeconds;
        values[point] = 0;
        gaugeModes[point] = Shard.GAUGE_DELTA;
        if (samples[point] != null) {
            samples[point].clear();
        }
        if (members[point] != null) {
            members[point].clear();
        }
        slots[slot] = point + 1;
        if (size * 2 > slots.length) {
            rehash();
        }
        return point;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int point = 0; point < size; point++) {
            int slot = hash(types[point], ids[point], seconds[point]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = point + 1;
        }
    }

    private static int hash(byte type, int id, long epochSeconds) {
        long h = (epochSeconds * 0x9E3779B97F4A7C15L) ^ ((long) id << 2 | type);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    /** Forgets the interval's points; keeps the buffers (cleared when reused) for the next one. */
    void clear() {
        if (size > 0) {
            Arrays.fill(slots, 0);
        }
        size = 0;
    }
}
