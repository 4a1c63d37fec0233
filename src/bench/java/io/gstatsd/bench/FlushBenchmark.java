package io.gstatsd.bench;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.control.KeyRegistries;
import io.gstatsd.aggregate.control.ShardPair;
import io.gstatsd.aggregate.control.TimerStatistics;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.graphite.control.GraphiteFormatter;
import io.gstatsd.graphite.entity.Namespace;
import io.gstatsd.ingest.control.LineParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One flush of 1,000,000 distinct counters and 100,000 timers of 10 samples each: the merge into a
 * snapshot (drain) and the Graphite text (format). Each invocation first refills the interval (not timed).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class FlushBenchmark {

    private static final int COUNTERS = 1_000_000;
    private static final int TIMERS = 100_000;
    private static final int SAMPLES = 10;

    private Aggregation aggregation;
    private ShardPair shards;
    private final LineParser parser = new LineParser();
    private final GraphiteFormatter formatter = new GraphiteFormatter(Namespace.LEGACY,
            new TimerStatistics(List.of(90.0)), System::nanoTime);
    private byte[][] interval;
    private long epochMillis = 1_700_000_000_000L;

    @Setup(Level.Trial)
    public void build() {
        aggregation = new Aggregation(KeyRegistries.withMaxKeys(10_000_000), "", false, 10_000, System::nanoTime);
        shards = aggregation.newShardPair();
        interval = new byte[(COUNTERS + TIMERS * SAMPLES) / 25][];
        int d = 0;
        StringBuilder text = new StringBuilder();
        int lines = 0;
        for (int i = 0; i < COUNTERS + TIMERS * SAMPLES; i++) {
            if (i < COUNTERS) {
                text.append("flush.c.").append(i).append(":1|c");
            } else {
                int t = i - COUNTERS;
                text.append("flush.t.").append(t % TIMERS).append(':').append(t % 997).append("|ms");
            }
            if (++lines == 25) {
                interval[d++] = text.toString().getBytes(StandardCharsets.US_ASCII);
                text.setLength(0);
                lines = 0;
            } else {
                text.append('\n');
            }
        }
    }

    @Setup(Level.Invocation)
    public void fillInterval() {
        for (byte[] datagram : interval) {
            shards.write(parser, datagram, 0, datagram.length);
        }
    }

    @Benchmark
    public long drainAndFormat() {
        epochMillis += 10_000;
        Snapshot snapshot = aggregation.drain(epochMillis);
        return formatter.formatBytes(snapshot).bytes();
    }
}
