package io.gstatsd.cluster.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.StampedMetrics;
import io.gstatsd.aggregate.entity.TimerSamples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Partial} as the bytes the Data Grid carries: a plain byte array, so Hazelcast never has to load an
 * application class to deserialise it. Members of different versions refuse each other's partials (the
 * version number) rather than misread them.
 */
final class PartialCodec {

    private static final int MAGIC = 0x67737470;   // "gstp"
    private static final int VERSION = 1;

    private PartialCodec() {
    }

    static byte[] encode(Partial partial) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Snapshot snapshot = partial.snapshot();
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(partial.from());
            out.writeBoolean(partial.view());
            out.writeLong(snapshot.epochMillis());
            out.writeLong(snapshot.flushIntervalMillis());
            out.writeLong(snapshot.processingMillis());
            writeMetrics(out, snapshot.counters(), snapshot.timers(), snapshot.gauges(), snapshot.sets());
            out.writeInt(snapshot.stamped().size());
            for (StampedMetrics second : snapshot.stamped()) {
                out.writeLong(second.epochSeconds());
                writeMetrics(out, second.counters(), second.timers(), second.gauges(), second.sets());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a partial of this version */
    static Partial decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a gstatsd partial");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("a partial of version " + version + ", this member reads " + VERSION);
            }
            String from = in.readUTF();
            boolean view = in.readBoolean();
            long epochMillis = in.readLong();
            long flushIntervalMillis = in.readLong();
            long processingMillis = in.readLong();
            Metrics interval = readMetrics(in);
            int seconds = in.readInt();
            List<StampedMetrics> stamped = new ArrayList<>(seconds);
            for (int i = 0; i < seconds; i++) {
                long second = in.readLong();
                Metrics metrics = readMetrics(in);
                stamped.add(new StampedMetrics(second, metrics.counters, metrics.timers, metrics.gauges, metrics.sets));
            }
            return new Partial(from, new Snapshot(epochMillis, flushIntervalMillis, interval.counters, interval.timers,
                    interval.gauges, interval.sets, processingMillis, stamped), view);
        } catch (IOException e) {
            throw new IllegalArgumentException("a truncated partial (" + e + ")");
        }
    }

    private static void writeMetrics(DataOutputStream out, List<CounterValue> counters, List<TimerSamples> timers,
                                     List<GaugeValue> gauges, List<SetMembers> sets) throws IOException {
        out.writeInt(counters.size());
        for (CounterValue counter : counters) {
            out.writeUTF(counter.name());
            out.writeDouble(counter.value());
        }
        out.writeInt(timers.size());
        for (TimerSamples timer : timers) {
            out.writeUTF(timer.name());
            out.writeDouble(timer.weightedCount());
            out.writeInt(timer.sortedValues().length);
            for (double value : timer.sortedValues()) {
                out.writeDouble(value);
            }
        }
        out.writeInt(gauges.size());
        for (GaugeValue gauge : gauges) {
            out.writeUTF(gauge.name());
            out.writeDouble(gauge.value());
            out.writeBoolean(gauge.written());
            out.writeLong(gauge.receivedMillis());
        }
        out.writeInt(sets.size());
        for (SetMembers set : sets) {
            out.writeUTF(set.name());
            out.writeInt(set.hashes().length);
            for (long hash : set.hashes()) {
                out.writeLong(hash);
            }
        }
    }

    private record Metrics(List<CounterValue> counters, List<TimerSamples> timers, List<GaugeValue> gauges,
                           List<SetMembers> sets) {
    }

    private static Metrics readMetrics(DataInputStream in) throws IOException {
        int n = count(in);
        List<CounterValue> counters = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            counters.add(new CounterValue(in.readUTF(), in.readDouble()));
        }
        n = count(in);
        List<TimerSamples> timers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            double weighted = in.readDouble();
            double[] values = new double[count(in)];
            for (int j = 0; j < values.length; j++) {
                values[j] = in.readDouble();
            }
            timers.add(new TimerSamples(name, values, weighted));
        }
        n = count(in);
        List<GaugeValue> gauges = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            gauges.add(new GaugeValue(in.readUTF(), in.readDouble(), in.readBoolean(), in.readLong()));
        }
        n = count(in);
        List<SetMembers> sets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            long[] hashes = new long[count(in)];
            for (int j = 0; j < hashes.length; j++) {
                hashes[j] = in.readLong();
            }
            sets.add(new SetMembers(name, hashes));
        }
        return new Metrics(counters, timers, gauges, sets);
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("a count of " + n + " with " + in.available() + " bytes left");
        }
        return n;
    }
}
