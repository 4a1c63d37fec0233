package io.gstatsd.cluster.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.TimerSamples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What cluster mode costs one member per interval, outside the grid: split its snapshot by owner (3 members),
 * encode the two parts it ships, decode the two parts it receives (same size), merge them with its own.
 * Keys: 70% counters, 10% timers of 10 samples, 10% gauges, 10% sets of 5 members, as in a typical flush.
 * The grid's own transfer (loopback, same host) comes on top: see the cluster's wait_ms gauge.
 * Run: src/bench/jmh.sh --shipping-cost [keys...]
 */
public final class ShippingCost {

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[]{10_000, 100_000, 1_000_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf("%10s %10s %10s %10s %10s %10s %12s%n", "keys", "split ms", "encode ms", "decode ms",
                "merge ms", "total ms", "bytes sent");
        for (int keys : sizes) {
            long[][] runs = new long[7][];
            for (int run = 0; run < runs.length; run++) {
                runs[run] = once(keys);
            }
            Arrays.sort(runs, (a, b) -> Long.compare(a[4], b[4]));
            long[] median = runs[runs.length / 2];
            System.out.printf("%10d %10.1f %10.1f %10.1f %10.1f %10.1f %12d%n", keys, median[0] / 1e6, median[1] / 1e6,
                    median[2] / 1e6, median[3] / 1e6, median[4] / 1e6, median[5]);
        }
    }

    private static long[] once(int keys) {
        Snapshot local = snapshot(keys, 0);
        List<String> members = List.of("a", "b", "c");
        long t0 = System.nanoTime();
        Map<String, Snapshot> parts = SnapshotSplit.of(local, key -> members.get(Math.floorMod(key.hashCode(), 3)));
        long t1 = System.nanoTime();
        byte[] toB = PartialCodec.encode(new Partial("a", parts.get("b")));
        byte[] toC = PartialCodec.encode(new Partial("a", parts.get("c")));
        long t2 = System.nanoTime();
        // what a receives from b and c: their parts of a's keys, as large as a's own part
        Partial fromB = PartialCodec.decode(toB);
        Partial fromC = PartialCodec.decode(toC);
        long t3 = System.nanoTime();
        Snapshot merged = SnapshotMerge.of(local.epochMillis(), local.flushIntervalMillis(),
                List.of(parts.get("a"), fromB.snapshot(), fromC.snapshot()));
        long t4 = System.nanoTime();
        if (merged.numStats() == 0) {
            throw new AssertionError();
        }
        return new long[]{t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0, toB.length + toC.length};
    }

    private static Snapshot snapshot(int keys, long salt) {
        List<CounterValue> counters = new ArrayList<>();
        List<TimerSamples> timers = new ArrayList<>();
        List<GaugeValue> gauges = new ArrayList<>();
        List<SetMembers> sets = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            String name = "app.service" + (k % 97) + ".endpoint." + k + ".requests";
            switch (k % 10) {
                case 7 -> {
                    double[] samples = new double[10];
                    for (int i = 0; i < samples.length; i++) {
                        samples[i] = (k * 31 + i * 7) % 1000;
                    }
                    Arrays.sort(samples);
                    timers.add(new TimerSamples(name, samples, 10));
                }
                case 8 -> gauges.add(new GaugeValue(name, k, 1_700_000_000_000L + k));
                case 9 -> sets.add(new SetMembers(name, new long[]{k, k + 1L, k + 2L, k + 3L, k + 4L + salt}));
                default -> counters.add(new CounterValue(name, k % 100));
            }
        }
        return new Snapshot(1_700_000_010_000L, 10_000, counters, timers, gauges, sets, 1);
    }
}
