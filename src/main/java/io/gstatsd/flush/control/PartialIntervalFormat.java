package io.gstatsd.flush.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.KeyActivity;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.StampedMetrics;
import io.gstatsd.aggregate.entity.TimerSamples;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The state file's format: one {@link PartialInterval} (a {@link Snapshot}, every key with its final name,
 * and when each key was last active) in big-endian binary, as {@link DataOutputStream} writes it:
 * <pre>
 * int    magic 0x67737464 ("gstd")
 * int    format version, 1
 * long   the interval's end, epoch milliseconds (its Graphite timestamp)
 * long   the flush interval, milliseconds (the divisor of per-second rates)
 * long   the merge's processing time, milliseconds
 * int n, then n counters: name, double value
 * int n, then n timers:   name, double weighted count, int samples, that many doubles in ascending order
 * int n, then n gauges:   name, double value
 * int n, then n sets:     name, int members, that many longs (64-bit hashes of the members' bytes)
 * int n, then n seconds clients stamped points with, oldest first: long epoch seconds, then its counters,
 *                         timers, gauges and sets, each as above
 * then for counters, timers, gauges and sets in turn, every live key of the type:
 * int n, then n keys:     name, long the end of the last interval it was active in (epoch ms, 0: none yet)
 * long   CRC-32 of every byte before it
 * </pre>
 * A name is an int byte length and that many bytes of UTF-8. A change to any of this, or to how set
 * members are hashed, is a new version: a file of another version is set aside, not misread.
 * <p>
 * Stateless.
 */
public final class PartialIntervalFormat {

    static final int MAGIC = 0x67737464;
    static final int VERSION = 1;
    /** Longer than any key a datagram can carry (65,507 bytes). */
    private static final int MAX_NAME_BYTES = 1 << 17;

    private PartialIntervalFormat() {
    }

    public static void write(PartialInterval partial, OutputStream out) throws IOException {
        Snapshot snapshot = partial.snapshot();
        CRC32 crc = new CRC32();
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        DataOutputStream data = new DataOutputStream(new CheckedOutputStream(buffered, crc));
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeLong(snapshot.epochMillis());
        data.writeLong(snapshot.flushIntervalMillis());
        data.writeLong(snapshot.processingMillis());
        writeMetrics(data, snapshot.counters(), snapshot.timers(), snapshot.gauges(), snapshot.sets());
        data.writeInt(snapshot.stamped().size());
        for (StampedMetrics second : snapshot.stamped()) {
            data.writeLong(second.epochSeconds());
            writeMetrics(data, second.counters(), second.timers(), second.gauges(), second.sets());
        }
        KeyActivity activity = partial.activity();
        for (KeyActivity.KeyTimes keys : List.of(activity.counters(), activity.timers(), activity.gauges(), activity.sets())) {
            data.writeInt(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                writeName(data, keys.names()[i]);
                data.writeLong(keys.lastActiveMillis()[i]);
            }
        }
        data.flush();
        new DataOutputStream(buffered).writeLong(crc.getValue());
        buffered.flush();
    }

    private static void writeMetrics(DataOutputStream data, List<CounterValue> counters, List<TimerSamples> timers,
                                     List<GaugeValue> gauges, List<SetMembers> sets) throws IOException {
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

    private static void writeName(DataOutputStream data, String name) throws IOException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        data.writeInt(bytes.length);
        data.write(bytes);
    }

    /** @throws UnusableStateException when the bytes are not a whole, intact file of this version */
    public static PartialInterval read(byte[] file) throws UnusableStateException {
        ByteBuffer in = StateFile.checkedBody(file, MAGIC, VERSION, 16, "state file");
        try {
            return body(in);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw damaged("inconsistent content (" + e + ")");
        }
    }

    private static PartialInterval body(ByteBuffer in) {
        long epochMillis = in.getLong();
        long flushIntervalMillis = in.getLong();
        long processingMillis = in.getLong();
        if (flushIntervalMillis < 1) {
            throw new IllegalArgumentException("flush interval " + flushIntervalMillis);
        }
        StampedMetrics metrics = metrics(in, 0);
        List<StampedMetrics> stamped = new ArrayList<>();
        for (int n = count(in, 24); n > 0; n--) {
            stamped.add(metrics(in, in.getLong()));
        }
        KeyActivity activity = new KeyActivity(keyTimes(in), keyTimes(in), keyTimes(in), keyTimes(in));
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the keys");
        }
        return new PartialInterval(new Snapshot(epochMillis, flushIntervalMillis, metrics.counters(), metrics.timers(),
                metrics.gauges(), metrics.sets(), processingMillis, stamped), activity);
    }

    /** The four lists of metrics, as of one second (the interval's own are read as of second 0). */
    private static StampedMetrics metrics(ByteBuffer in, long epochSeconds) {
        List<CounterValue> counters = new ArrayList<>();
        for (int n = count(in, 12); n > 0; n--) {
            counters.add(new CounterValue(name(in), in.getDouble()));
        }
        List<TimerSamples> timers = new ArrayList<>();
        for (int n = count(in, 16); n > 0; n--) {
            String name = name(in);
            double weightedCount = in.getDouble();
            double[] samples = new double[count(in, Double.BYTES)];
            in.asDoubleBuffer().get(samples);
            in.position(in.position() + samples.length * Double.BYTES);
            timers.add(new TimerSamples(name, samples, weightedCount));
        }
        List<GaugeValue> gauges = new ArrayList<>();
        for (int n = count(in, 12); n > 0; n--) {
            gauges.add(new GaugeValue(name(in), in.getDouble()));
        }
        List<SetMembers> sets = new ArrayList<>();
        for (int n = count(in, 8); n > 0; n--) {
            String name = name(in);
            long[] hashes = new long[count(in, Long.BYTES)];
            in.asLongBuffer().get(hashes);
            in.position(in.position() + hashes.length * Long.BYTES);
            sets.add(new SetMembers(name, hashes));
        }
        return new StampedMetrics(epochSeconds, counters, timers, gauges, sets);
    }

    private static KeyActivity.KeyTimes keyTimes(ByteBuffer in) {
        int n = count(in, 12);
        String[] names = new String[n];
        long[] lastActive = new long[n];
        for (int i = 0; i < n; i++) {
            names[i] = name(in);
            lastActive[i] = in.getLong();
        }
        return new KeyActivity.KeyTimes(names, lastActive);
    }

    /** A count of entries of at least {@code minBytes} each, which must fit in what is left. */
    private static int count(ByteBuffer in, int minBytes) {
        int n = in.getInt();
        if (n < 0 || (long) n * minBytes > in.remaining()) {
            throw new IllegalArgumentException("count " + n + " with " + in.remaining() + " bytes left");
        }
        return n;
    }

    private static String name(ByteBuffer in) {
        int length = in.getInt();
        if (length < 1 || length > MAX_NAME_BYTES || length > in.remaining()) {
            throw new IllegalArgumentException("name of " + length + " bytes");
        }
        String name = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return name;
    }

    private static UnusableStateException damaged(String why) {
        return new UnusableStateException(UnusableStateException.Reason.DAMAGED, why);
    }
}
