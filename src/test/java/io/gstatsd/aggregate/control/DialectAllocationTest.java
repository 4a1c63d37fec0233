package io.gstatsd.aggregate.control;

import io.gstatsd.ingest.control.LineParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot path stays allocation-free in every dialect: a line of a key already seen, with its tags, fields,
 * client timestamp, packed values or an exponent in its rate, allocates nothing (the tag form is worked out
 * once per key). Measured with the JVM's per-thread allocation counter; JMH {@code -prof gc} says the same.
 */
class DialectAllocationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "k.%d:1|c|#env:prod,region:eu|c:abc123|e:it-false,cn-app",
        "k.%d:12.5|d|#region:eu,env:prod|card:low",
        "k.%d,env=prod,region=eu:1|c",
        "k.%d#env=prod,region=eu:2|g",
        "k.%d:1|c|T1795619311|#env:prod",
        "k.%d:1.5:2.5:10|d|@1e-05|#env:prod|x9",
        "k.%d:1|c:25|ms|#env:prod",
    })
    void aLineOfAKnownKeyAllocatesNothing(String line) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(10_000), "", false, 10_000, () -> 0L);
        ShardPair pair = aggregation.newShardPair();
        LineParser parser = new LineParser();
        byte[][] datagrams = new byte[40][];
        for (int d = 0; d < datagrams.length; d++) {
            StringBuilder text = new StringBuilder();
            for (int l = 0; l < 25; l++) {
                text.append(String.format(line, (d * 25 + l) % 500)).append('\n');
            }
            datagrams[d] = text.toString().getBytes(StandardCharsets.US_ASCII);
        }
        // a flush every 1,000 datagrams, as a server flushes: timer sample buffers are reused across intervals,
        // and reach their size in the first ones; only the writes between flushes are measured
        long thread = Thread.currentThread().getId();
        int rounds = 60;
        int measuredRounds = 20;
        int perRound = 1000;
        long allocated = 0;
        for (int round = 0; round < rounds; round++) {
            aggregation.drain(round * 10_000L);
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < perRound; i++) {
                pair.write(parser, datagrams[i % datagrams.length], 0, datagrams[i % datagrams.length].length);
            }
            if (round >= rounds - measuredRounds) {
                allocated += threads.getThreadAllocatedBytes(thread) - before;
            }
        }
        int datagramsSent = measuredRounds * perRound;
        double perLine = allocated / (datagramsSent * 25.0);
        assertTrue(perLine < 0.05, perLine + " bytes allocated per line");
    }
}
