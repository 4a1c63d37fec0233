package io.gstatsd.aggregate.control;

import io.gstatsd.vocabulary.control.MetricConsumer;
import io.gstatsd.vocabulary.entity.BadLine;

import java.util.Arrays;

/**
 * One receiver's metrics for one interval. Only its receiver thread writes it, so nothing here locks;
 * {@link ShardPair} hands it to the flush once the receiver has moved to the other shard of the pair.
 * Values sit in arrays indexed by the registries' key ids, which lets the flush merge shards by id; the
 * methods taking an id write a key found by its final name (a carried-over interval, {@link CarriedShard}).
 * Points a client stamped with its own second go to {@link StampedPoints}, under keys of their own tables,
 * so that they are neither mixed into the interval nor sent as idle keys in later ones.
 */
public final class Shard implements MetricConsumer {

    static final byte GAUGE_DELTA = 1;
    static final byte GAUGE_SET = 2;

    private final KeyTable counterKeys;
    private final KeyTable timerKeys;
    private final KeyTable gaugeKeys;
    private final KeyTable setKeys;
    private final KeyTables stampedKeys;

    final TouchedIds countersTouched = new TouchedIds();
    double[] counterValues = new double[256];

    final TouchedIds timersTouched = new TouchedIds();
    SampleBuffer[] timerSamples = new SampleBuffer[256];

    final TouchedIds gaugesTouched = new TouchedIds();
    double[] gaugeValues = new double[256];
    byte[] gaugeModes = new byte[256];
    /** When each gauge's last line arrived: its datagram's {@link #datagramNanos}. */
    long[] gaugeNanos = new long[256];
    /** When the datagram being parsed arrived, on the aggregation's nano clock; set by the {@link ShardPair}. */
    long datagramNanos = Long.MIN_VALUE;

    final TouchedIds setsTouched = new TouchedIds();
    MemberSet[] setMembers = new MemberSet[256];

    final StampedPoints stamped = new StampedPoints();

    long packets;
    long lines;
    long unknownFields;
    final long[] badLines = new long[BadLine.values().length];

    Shard(KeyTables keys, KeyTables stampedKeys) {
        counterKeys = keys.counters();
        timerKeys = keys.timers();
        gaugeKeys = keys.gauges();
        setKeys = keys.sets();
        this.stampedKeys = stampedKeys;
    }

    @Override
    public void packet() {
        packets++;
        counterKeys.packet();
        timerKeys.packet();
        gaugeKeys.packet();
        setKeys.packet();
    }

    @Override
    public boolean wantsKeysAhead() {
        return counterKeys.takesHints() || timerKeys.takesHints() || gaugeKeys.takesHints() || setKeys.takesHints();
    }

    @Override
    public void keyAhead(byte[] buf, int keyOffset, int keyLength, char type) {
        switch (type) {
            case 'c' -> counterKeys.hint(buf, keyOffset, keyLength);
            case 't' -> timerKeys.hint(buf, keyOffset, keyLength);
            case 'g' -> gaugeKeys.hint(buf, keyOffset, keyLength);
            case 's' -> setKeys.hint(buf, keyOffset, keyLength);
            default -> { }
        }
    }

    @Override
    public void keysAhead() {
        counterKeys.fetchHinted();
        timerKeys.fetchHinted();
        gaugeKeys.fetchHinted();
        setKeys.fetchHinted();
    }

    @Override
    public void line() {
        lines++;
    }

    @Override
    public void unknownField() {
        unknownFields++;
    }

    @Override
    public void badLine(BadLine reason) {
        badLines[reason.ordinal()]++;
    }

    @Override
    public void counter(byte[] buf, int keyOffset, int keyLength, double value, double sampleRate, long epochSeconds) {
        if (epochSeconds != NOW) {
            int id = id(stampedKeys.counters(), buf, keyOffset, keyLength);
            if (id >= 0) {
                stamped.counter(id, epochSeconds, value * (1.0 / sampleRate));
            }
            return;
        }
        int id = id(counterKeys, buf, keyOffset, keyLength);
        if (id >= 0) {
            addCounter(id, value * (1.0 / sampleRate));
        }
    }

    void addCounter(int id, double value) {
        if (countersTouched.touch(id)) {
            if (id >= counterValues.length) {
                counterValues = Arrays.copyOf(counterValues, capacity(id, counterValues.length));
            }
            counterValues[id] = 0;
        }
        counterValues[id] += value;
    }

    @Override
    public void timer(byte[] buf, int keyOffset, int keyLength, double value, double sampleRate, long epochSeconds) {
        if (epochSeconds != NOW) {
            int id = id(stampedKeys.timers(), buf, keyOffset, keyLength);
            if (id >= 0) {
                stamped.timer(id, epochSeconds, value, sampleRate);
            }
            return;
        }
        int id = id(timerKeys, buf, keyOffset, keyLength);
        if (id >= 0) {
            timerSamples(id).add(value, sampleRate);
        }
    }

    /** The timer's samples of this interval, touching it. */
    SampleBuffer timerSamples(int id) {
        if (timersTouched.touch(id)) {
            if (id >= timerSamples.length) {
                timerSamples = Arrays.copyOf(timerSamples, capacity(id, timerSamples.length));
            }
            if (timerSamples[id] == null) {
                timerSamples[id] = new SampleBuffer();
            }
        }
        return timerSamples[id];
    }

    @Override
    public void gauge(byte[] buf, int keyOffset, int keyLength, double value, boolean delta, long epochSeconds) {
        if (epochSeconds != NOW) {
            int id = id(stampedKeys.gauges(), buf, keyOffset, keyLength);
            if (id >= 0) {
                stamped.gauge(id, epochSeconds, value, delta);
            }
            return;
        }
        int id = id(gaugeKeys, buf, keyOffset, keyLength);
        if (id >= 0) {
            gauge(id, value, delta);
        }
    }

    void gauge(int id, double value, boolean delta) {
        if (gaugesTouched.touch(id)) {
            if (id >= gaugeValues.length) {
                int capacity = capacity(id, gaugeValues.length);
                gaugeValues = Arrays.copyOf(gaugeValues, capacity);
                gaugeModes = Arrays.copyOf(gaugeModes, capacity);
                gaugeNanos = Arrays.copyOf(gaugeNanos, capacity);
            }
            gaugeValues[id] = 0;
            gaugeModes[id] = GAUGE_DELTA;
        }
        gaugeNanos[id] = datagramNanos;
        if (delta) {
            gaugeValues[id] += value;
        } else {
            gaugeValues[id] = value;
            gaugeModes[id] = GAUGE_SET;
        }
    }

    @Override
    public void set(byte[] buf, int keyOffset, int keyLength, byte[] memberBuf, int memberOffset, int memberLength,
                    long epochSeconds) {
        if (epochSeconds != NOW) {
            int id = id(stampedKeys.sets(), buf, keyOffset, keyLength);
            if (id >= 0) {
                stamped.set(id, epochSeconds, MemberSet.hash(memberBuf, memberOffset, memberLength));
            }
            return;
        }
        int id = id(setKeys, buf, keyOffset, keyLength);
        if (id >= 0) {
            setMembers(id).add(MemberSet.hash(memberBuf, memberOffset, memberLength));
        }
    }

    /** The set's members of this interval, touching it. */
    MemberSet setMembers(int id) {
        if (setsTouched.touch(id)) {
            if (id >= setMembers.length) {
                setMembers = Arrays.copyOf(setMembers, capacity(id, setMembers.length));
            }
            if (setMembers[id] == null) {
                setMembers[id] = new MemberSet();
            }
        }
        return setMembers[id];
    }

    private int id(KeyTable table, byte[] buf, int offset, int length) {
        int id = table.idOf(buf, offset, length);
        if (id == KeyTable.EMPTY_KEY) {
            badLine(BadLine.EMPTY_KEY);
        } else if (id == KeyTable.TOO_MANY_KEYS) {
            badLine(BadLine.TOO_MANY_KEYS);
        }
        return id;
    }

    private static int capacity(int id, int current) {
        return Math.max(id + 1, current * 2);
    }

    /** Forgets the interval's values but keeps the key tables and buffers for the next one. */
    void reset() {
        for (int i = 0; i < timersTouched.size(); i++) {
            timerSamples[timersTouched.get(i)].clear();
        }
        for (int i = 0; i < setsTouched.size(); i++) {
            setMembers[setsTouched.get(i)].clear();
        }
        countersTouched.clear();
        timersTouched.clear();
        gaugesTouched.clear();
        setsTouched.clear();
        stamped.clear();
        packets = 0;
        lines = 0;
        unknownFields = 0;
        Arrays.fill(badLines, 0);
    }
}
