package io.gstatsd.bench;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.control.KeyRegistries;
import io.gstatsd.aggregate.control.ShardPair;
import io.gstatsd.ingest.control.LineParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;


/**
 * The hot path on one core: parse 25-line datagrams into a receiver's shard. The score is lines per
 * second (one operation = one line); {@code -prof gc} shows the allocation per line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseAggregateBenchmark {

    private static final int DATAGRAMS = 4096;
    private static final int LINES = 25;

    @Param({"counters", "mix", "dogstatsd"})
    public String traffic;

    @Param({"1000", "100000"})
    public int keys;

    private byte[][] datagrams;
    private Aggregation aggregation;
    private ShardPair shards;
    private final LineParser parser = new LineParser();
    private int next;
    private long sinceDrain;

    @Setup
    public void setUp() {
        datagrams = switch (traffic) {
            case "mix" -> Datagrams.mix(DATAGRAMS, LINES, keys);
            case "dogstatsd" -> Datagrams.dogStatsD(DATAGRAMS, LINES, keys);
            default -> Datagrams.counters(DATAGRAMS, LINES, keys);
        };
        aggregation = new Aggregation(KeyRegistries.withMaxKeys(10_000_000), "", false, 10_000, System::nanoTime);
        shards = aggregation.newShardPair();
        for (byte[] datagram : datagrams) {
            shards.write(parser, datagram, 0, datagram.length);
        }
        aggregation.drain(0);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parseDatagram() {
        byte[] datagram = datagrams[next];
        next = (next + 1) & (DATAGRAMS - 1);
        shards.write(parser, datagram, 0, datagram.length);
        // a server flushes every few seconds; without it timer samples would pile up without bound
        if (++sinceDrain == 200_000) {
            sinceDrain = 0;
            aggregation.drain(0);
        }
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }

}
