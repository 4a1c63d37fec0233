package io.gstatsd.bench;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.control.KeyRegistries;
import io.gstatsd.aggregate.control.ShardPair;
import io.gstatsd.ingest.control.LineParser;

import java.lang.management.ManagementFactory;

/**
 * Heap held per distinct counter key across flushes: fills N keys through the real parser and
 * aggregation, flushes twice, and compares the used heap after full GCs with the empty server's.
 * Usage: HeapPerKey [keys, default 1000000]
 */
public final class HeapPerKey {

    public static void main(String[] args) throws InterruptedException {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(keys + 10), "", false, 10_000, System::nanoTime);
        ShardPair shards = aggregation.newShardPair();
        LineParser parser = new LineParser();
        long before = usedAfterGc();
        long[] nanos = new long[2];
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < keys; k += 25) {
                StringBuilder text = new StringBuilder(25 * 24);
                for (int i = k; i < k + 25 && i < keys; i++) {
                    text.append(i > k ? "\n" : "").append("heap.c.").append(i).append(":1|c");
                }
                byte[] datagram = text.toString().getBytes();
                long started = System.nanoTime();
                shards.write(parser, datagram, 0, datagram.length);
                nanos[round] += System.nanoTime() - started;
            }
            aggregation.drain(1_700_000_000_000L + round * 10_000L);
        }
        long after = usedAfterGc();
        System.out.printf("keys=%d heap_bytes=%d bytes_per_key=%.1f registered=%d%n", keys, after - before,
                (after - before) / (double) keys, aggregation.registries().counters().size());
        // a rough figure beside the heap: one pass each, no JMH warm-up, timing only the parse and aggregate
        System.out.printf("first_sighting_ns_per_line=%.0f known_key_ns_per_line=%.0f (over %d distinct keys)%n",
                nanos[0] / (double) keys, nanos[1] / (double) keys, keys);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
