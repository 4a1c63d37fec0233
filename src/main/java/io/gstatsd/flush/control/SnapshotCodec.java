package io.gstatsd.flush.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.StampedMetrics;
import io.gstatsd.aggregate.entity.TimerSamples;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Snapshot} in big-endian binary, as {@link DataOutputStream} writes it, for the state file
 * ({@link PartialIntervalFormat}) and the cluster's partials alike:
 * <pre>
 * long   the interval's end, epoch milliseconds (its Graphite timestamp)
 * long   the flush interval, milliseconds (the divisor of per-second rates)
 * long   the merge's processing time, milliseconds
 * int n, then n counters: name, double value
 * int n, then n timers:   name, double weighted count, int samples, that many doubles in ascending order
 * int n, then n gauges:   name, double value; with gauge times also byte written (0 or 1), long received ms
 * int n, then n sets:     name, int members, that many longs (64-bit hashes of the members' bytes)
 * int n, then n seconds clients stamped points with, oldest first: long epoch seconds, then its counters,
 *                         timers, gauges and sets, each as above
 * </pre>
 * A name is an int byte length and that many bytes of UTF-8. Reading throws {@link IllegalArgumentException}
 * or {@link BufferUnderflowException} on bytes that do not hold a snapshot; each caller says what that means.
 * <p>
 * Stateless.
 */
public final class SnapshotCodec {

    /** Longer than any key a datagram can carry (65,507 bytes). */
    private static final int MAX_NAME_BYTES = 1 << 17;

    private SnapshotCodec() {
    }

    /** @param gaugeTimes whether each gauge's {@code written} flag and receive time go too */
    public static void write(DataOutputStream data, Snapshot snapshot, boolean gaugeTimes) throws IOException {
        data.writeLong(snapshot.epochMillis());
        data.writeLong(snapshot.flushIntervalMillis());
        data.writeLong(snapshot.processingMillis());
        writeMetrics(data, snapshot.counters(), snapshot.timers(), snapshot.gauges(), snapshot.sets(), gaugeTimes);
        data.writeInt(snapshot.stamped().size());
        for (StampedMetrics second : snapshot.stamped()) {
            data.writeLong(second.epochSeconds());
            writeMetrics(data, second.counters(), second.timers(), second.gauges(), second.sets(), gaugeTimes);
        }
    }

    private static void writeMetrics(DataOutputStream data, List<CounterValue> counters, List<TimerSamples> timers,
                                     List<GaugeValue> gauges, List<SetMembers> sets, boolean gaugeTimes)
            throws IOException {
        data.writeInt(counters.size());
        for (CounterValue counter : counters) {
            writeName(data, counter.name());
            data.writeDouble(counter.value());
        }
        data.writeInt(timers.size());
        for (TimerSamples timer : timers) {
            writeName(data, timer.name());
            data.writeDouble(timer.weightedCount());
            data.writeInt(timer.sortedValues().length);
            for (double value : timer.sortedValues()) {
                data.writeDouble(value);
            }
        }
        data.writeInt(gauges.size());
        for (GaugeValue gauge : gauges) {
            writeName(data, gauge.name());
            data.writeDouble(gauge.value());
            if (gaugeTimes) {
                data.writeBoolean(gauge.written());
                data.writeLong(gauge.receivedMillis());
            }
        }
        data.writeInt(sets.size());
        for (SetMembers set : sets) {
            writeName(data, set.name());
            data.writeInt(set.count());
            for (long hash : set.hashes()) {
                data.writeLong(hash);
            }
        }
    }

    public static void writeName(DataOutputStream data, String name) throws IOException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        data.writeInt(bytes.length);
        data.write(bytes);
    }

    /** A snapshot as {@link #write} wrote it with the same {@code gaugeTimes}, read from the buffer's position. */
    public static Snapshot read(ByteBuffer in, boolean gaugeTimes) {
        long epochMillis = in.getLong();
        long flushIntervalMillis = in.getLong();
        long processingMillis = in.getLong();
        if (flushIntervalMillis < 1) {
            throw new IllegalArgumentException("flush interval " + flushIntervalMillis);
        }
        StampedMetrics metrics = metrics(in, 0, gaugeTimes);
        List<StampedMetrics> stamped = new ArrayList<>();
        for (int n = count(in, 24); n > 0; n--) {
            stamped.add(metrics(in, in.getLong(), gaugeTimes));
        }
        return new Snapshot(epochMillis, flushIntervalMillis, metrics.counters(), metrics.timers(), metrics.gauges(),
                metrics.sets(), processingMillis, stamped);
    }

    /** The four lists of metrics, as of one second (the interval's own are read as of second 0). */
    private static StampedMetrics metrics(ByteBuffer in, long epochSeconds, boolean gaugeTimes) {
        List<CounterValue> counters = new ArrayList<>();
        for (int n = count(in, 12); n > 0; n--) {
            counters.add(new CounterValue(readName(in), in.getDouble()));
        }
        List<TimerSamples> timers = new ArrayList<>();
        for (int n = count(in, 16); n > 0; n--) {
            String name = readName(in);
            double weightedCount = in.getDouble();
            double[] samples = new double[count(in, Double.BYTES)];
            in.asDoubleBuffer().get(samples);
            in.position(in.position() + samples.length * Double.BYTES);
            timers.add(new TimerSamples(name, samples, weightedCount));
        }
        List<GaugeValue> gauges = new ArrayList<>();
        for (int n = count(in, 12); n > 0; n--) {
            String name = readName(in);
            double value = in.getDouble();
            gauges.add(gaugeTimes ? new GaugeValue(name, value, in.get() != 0, in.getLong()) : new GaugeValue(name, value));
        }
        List<SetMembers> sets = new ArrayList<>();
        for (int n = count(in, 8); n > 0; n--) {
            String name = readName(in);
            long[] hashes = new long[count(in, Long.BYTES)];
            in.asLongBuffer().get(hashes);
            in.position(in.position() + hashes.length * Long.BYTES);
            sets.add(new SetMembers(name, hashes));
        }
        return new StampedMetrics(epochSeconds, counters, timers, gauges, sets);
    }

    /** A count of entries of at least {@code minBytes} each, which must fit in what is left. */
    static int count(ByteBuffer in, int minBytes) {
        int n = in.getInt();
        if (n < 0 || (long) n * minBytes > in.remaining()) {
            throw new IllegalArgumentException("count " + n + " with " + in.remaining() + " bytes left");
        }
        return n;
    }

    public static String readName(ByteBuffer in) {
        int length = in.getInt();
        if (length < 1 || length > MAX_NAME_BYTES || length > in.remaining()) {
            throw new IllegalArgumentException("name of " + length + " bytes");
        }
        String name = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return name;
    }
}
