package io.gstatsd.bench;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.control.KeyRegistries;
import io.gstatsd.aggregate.control.ShardPair;
import io.gstatsd.ingest.control.LineParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The first line of a never-seen counter key (issue 12: at most 250 ns), on top of {@code live} keys already
 * known: each iteration builds a server holding {@code live} keys (not timed), then times a burst of 10,000
 * new keys in 25-line datagrams, as one batch. The score is nanoseconds per line, every line a first
 * sighting. Run: {@code src/bench/jmh.sh FirstSightingBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, batchSize = FirstSightingBenchmark.BATCH)
@Measurement(iterations = 20, batchSize = FirstSightingBenchmark.BATCH)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class FirstSightingBenchmark {

    private static final int LINES = 25;
    /** Datagrams per timed batch: 10,000 new keys, a hundredth of the burst (JMH wants a constant). */
    static final int BATCH = 400;

    @Param({"10000", "100000", "1000000"})
    public int live;

    private Aggregation aggregation;
    private ShardPair shards;
    private final LineParser parser = new LineParser();
    private byte[][] burst;
    private int next;
    private int round;

    @Setup(Level.Iteration)
    public void build() {
        aggregation = new Aggregation(KeyRegistries.withMaxKeys(10_000_000), "", false, 10_000, System::nanoTime);
        shards = aggregation.newShardPair();
        byte[][] known = datagrams("live", live / LINES);
        for (int interval = 0; interval < 2; interval++) {   // both shards of the pair sized for the live keys
            for (byte[] datagram : known) {
                shards.write(parser, datagram, 0, datagram.length);
            }
            aggregation.drain(1_700_000_000_000L + interval * 10_000L);
        }
        burst = datagrams("new" + round++, BATCH);
        next = 0;
        System.gc();   // the previous iteration's server is garbage: not this burst's cost
    }

    @Benchmark
    @OperationsPerInvocation(LINES * BATCH)   // single-shot time is per batch: this makes the score per line
    public void firstSighting() {
        byte[] datagram = burst[next++];
        shards.write(parser, datagram, 0, datagram.length);
    }

    private static byte[][] datagrams(String group, int count) {
        byte[][] datagrams = new byte[count][];
        for (int d = 0; d < count; d++) {
            StringBuilder text = new StringBuilder(LINES * 32);
            for (int i = d * LINES; i < (d + 1) * LINES; i++) {
                text.append(text.length() > 0 ? "\n" : "").append("first.").append(group).append(".k").append(i).append(":1|c");
            }
            datagrams[d] = text.toString().getBytes(StandardCharsets.US_ASCII);
        }
        return datagrams;
    }
}
