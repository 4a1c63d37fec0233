package io.gstatsd.flush.control;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.control.KeyRegistries;
import io.gstatsd.aggregate.control.ShardPair;
import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.ingest.control.LineParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlushTest {

    private static final long T0 = 1_700_000_000_000L;

    private final ManualClock clock = new ManualClock(T0 + 3_000);
    private final Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(100), "", false, 10_000, () -> 0L);
    private final ShardPair receiver = aggregation.newShardPair();
    private final RecordingSink sink = new RecordingSink();

    private Flush flush(boolean aligned) {
        return new Flush(aggregation, List.of(sink), new FlushSchedule(10_000, aligned, clock.millis()), clock);
    }

    private void send(String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        receiver.write(new LineParser(), bytes, 0, bytes.length);
    }

    @Test
    void aTimerFiringLateStampsTheFlushWithTheBoundaryItFiredFor() {
        Flush flush = flush(true);
        send("hits:4|c");
        clock.set(T0 + 10_000 + 870);
        flush.run();
        assertEquals(T0 + 10_000, sink.only().epochMillis());
        assertEquals(4, count(sink.only(), "hits"));
    }

    @Test
    void aRepeatedFiringForTheSameBoundaryPublishesNothingAndTheCountsWait() {
        Flush flush = flush(true);
        clock.set(T0 + 10_001);
        flush.run();
        send("hits:4|c");
        clock.set(T0 + 10_030);
        flush.run();
        clock.set(T0 + 20_002);
        flush.run();
        assertEquals(List.of(T0 + 10_000, T0 + 20_000), sink.published.stream().map(Snapshot::epochMillis).toList());
        assertEquals(4, count(sink.published.get(1), "hits"));
    }

    @Test
    void theShutdownFlushIsStampedWithTheEndOfItsIntervalNotTheLastFlushesSlot() {
        Flush flush = flush(true);
        clock.set(T0 + 10_002);
        flush.run();
        send("hits:2|c");
        clock.set(T0 + 13_000);
        flush.finish(Duration.ofSeconds(1));
        assertEquals(T0 + 20_000, sink.published.get(1).epochMillis());
        assertEquals(2, count(sink.published.get(1), "hits"));
        assertEquals(1, sink.closes.size());
    }

    @Test
    void noFlushFollowsTheLastOne() {
        Flush flush = flush(true);
        flush.finish(Duration.ofSeconds(1));
        flush.finish(Duration.ofSeconds(1));
        clock.set(T0 + 10_002);
        flush.run();
        assertEquals(1, sink.published.size());
        assertEquals(1, sink.closes.size());
    }

    @Test
    void notAlignedAFlushIsStampedWhenItRuns() {
        Flush flush = flush(false);
        clock.set(T0 + 13_000 + 15);
        flush.run();
        assertEquals(T0 + 13_015, sink.only().epochMillis());
    }

    static double count(Snapshot snapshot, String name) {
        return snapshot.counters().stream().filter(c -> c.name().equals(name)).mapToDouble(CounterValue::value)
                .findFirst().orElseThrow(() -> new AssertionError("no counter " + name + " in " + snapshot.counters()));
    }

    @Test
    void aSinkThatThrowsFromPublishDoesNotStopTheOthers() {
        RecordingSink before = new RecordingSink();
        FailingSink failing = new FailingSink();
        RecordingSink after = new RecordingSink();
        Flush flush = flushTo(List.of(before, failing, after));
        clock.set(T0 + 10_001);
        flush.run();
        assertEquals(1, failing.published.size(), "the failing sink was asked");
        assertEquals(1, before.published.size());
        assertEquals(1, after.published.size(), "the sink after the failing one still got the flush");
        assertSame(before.published.get(0), after.published.get(0), "every sink gets the same snapshot");
        assertEquals(T0 + 10_000, after.published.get(0).epochMillis(), "stamped with the boundary it closes");
    }

    @Test
    void finishPublishesAndClosesEverySinkOnceEvenWhenCalledTwice() {
        RecordingSink first = new RecordingSink();
        FailingSink failing = new FailingSink();
        RecordingSink last = new RecordingSink();
        Flush flush = flushTo(List.of(first, failing, last));
        flush.finish(Duration.ofSeconds(5));
        flush.finish(Duration.ofSeconds(5));
        for (RecordingSink sink : List.of(first, failing, last)) {
            assertEquals(1, sink.published.size(), "the partial interval is published once");
            assertEquals(1, sink.closes.size(), "closed once");
            assertTrue(sink.closes.get(0).compareTo(Duration.ofSeconds(5)) <= 0,
                    "given what is left of the shutdown timeout, got " + sink.closes.get(0));
        }
    }

    /** A flush without a state directory to these sinks. */
    private Flush flushTo(List<Sink> sinks) {
        return new Flush(new Aggregation(KeyRegistries.withMaxKeys(100), "", false, 10_000, () -> 0L), sinks,
                new FlushSchedule(10_000, true, clock.millis()), clock);
    }

    private static final class FailingSink extends RecordingSink {
        @Override
        public void publish(Snapshot snapshot) {
            super.publish(snapshot);
            throw new IllegalStateException("a sink with a bug");
        }
    }

    /** Keeps what it is given. Thread-safe: flushes publish from any thread. */
    static class RecordingSink implements Sink {
        final List<Snapshot> published = new CopyOnWriteArrayList<>();
        final List<Duration> closes = new CopyOnWriteArrayList<>();

        @Override
        public void publish(Snapshot snapshot) {
            published.add(snapshot);
        }

        @Override
        public void close(Duration timeout) {
            closes.add(timeout);
        }

        Snapshot only() {
            assertEquals(1, published.size(), published.toString());
            return published.get(0);
        }
    }
}
