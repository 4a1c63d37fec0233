package io.gstatsd.bench;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.control.KeyRegistries;
import io.gstatsd.aggregate.control.ShardPair;
import io.gstatsd.ingest.control.LineParser;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * Key churn through the real parser and aggregation: every interval brings {@code live} never-seen counter
 * keys, with delete-idle, for {@code intervals} intervals; prints the heap after each flush (after full GCs)
 * and the time per first sighting of a key once the id space is warm. Memory must stay flat: forgotten keys
 * give back their ids and table entries.
 * Usage: KeyChurn [live, default 1000000] [intervals, default 10]
 */
public final class KeyChurn {

    public static void main(String[] args) throws InterruptedException {
        int live = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int intervals = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(live + 10), "", true, 0, 10_000, System::nanoTime);
        ShardPair shards = aggregation.newShardPair();
        LineParser parser = new LineParser();
        byte[][] datagrams = new byte[live / 25 + 1][];
        long empty = usedAfterGc();
        for (int interval = 0; interval < intervals; interval++) {
            for (int d = 0; d < datagrams.length; d++) {
                StringBuilder text = new StringBuilder(25 * 32);
                for (int i = d * 25; i < (d + 1) * 25 && i < live; i++) {
                    text.append(text.length() > 0 ? "\n" : "").append("churn.i").append(interval).append(".k").append(i).append(":1|c");
                }
                datagrams[d] = text.toString().getBytes(StandardCharsets.UTF_8);
            }
            long started = System.nanoTime();
            for (byte[] datagram : datagrams) {
                shards.write(parser, datagram, 0, datagram.length);
            }
            long writeNanos = System.nanoTime() - started;
            started = System.nanoTime();
            int flushed = aggregation.drain(1_700_000_000_000L + interval * 10_000L).counters().size();
            long drainMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("interval=%d distinct_keys_so_far=%d first_sighting_ns_per_line=%.0f drain_ms=%d flushed=%d"
                            + " ids=%d live_keys=%d heap_mb=%.1f%n",
                    interval, (long) live * (interval + 1), writeNanos / (double) live, drainMillis, flushed,
                    aggregation.registries().counters().size(), aggregation.registries().counters().live(),
                    (usedAfterGc() - empty) / 1e6);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
