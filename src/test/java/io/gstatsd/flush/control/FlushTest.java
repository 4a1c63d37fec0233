package io.gstatsd.flush.control;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.control.KeyRegistries;
import io.gstatsd.aggregate.entity.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlushTest {

    private static final long NOW = 1_700_000_000_000L;

    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    private final Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(100), "", false, 10_000, () -> 0L);

    /** Records what the flush hands it; single-threaded, like the flush. */
    private static class RecordingSink implements Sink {
        final List<Snapshot> published = new ArrayList<>();
        final List<Duration> closes = new ArrayList<>();

        @Override
        public void publish(Snapshot snapshot) {
            published.add(snapshot);
        }

        @Override
        public void close(Duration timeout) {
            closes.add(timeout);
        }
    }

    private static final class FailingSink extends RecordingSink {
        @Override
        public void publish(Snapshot snapshot) {
            super.publish(snapshot);
            throw new IllegalStateException("a sink with a bug");
        }
    }

    @Test
    void aSinkThatThrowsFromPublishDoesNotStopTheOthers() {
        RecordingSink before = new RecordingSink();
        FailingSink failing = new FailingSink();
        RecordingSink after = new RecordingSink();

        new Flush(aggregation, List.of(before, failing, after), clock).run();

        assertEquals(1, failing.published.size(), "the failing sink was asked");
        assertEquals(1, before.published.size());
        assertEquals(1, after.published.size(), "the sink after the failing one still got the flush");
        assertSame(before.published.get(0), after.published.get(0), "every sink gets the same snapshot");
        assertEquals(NOW, after.published.get(0).epochMillis(), "taken at the clock's time");
    }

    @Test
    void finishPublishesAndClosesEverySinkOnceEvenWhenCalledTwice() {
        RecordingSink first = new RecordingSink();
        FailingSink failing = new FailingSink();
        RecordingSink last = new RecordingSink();
        Flush flush = new Flush(aggregation, List.of(first, failing, last), clock);

        flush.finish(Duration.ofSeconds(5));
        flush.finish(Duration.ofSeconds(5));

        for (RecordingSink sink : List.of(first, failing, last)) {
            assertEquals(1, sink.published.size(), "the partial interval is published once");
            assertEquals(1, sink.closes.size(), "closed once");
            assertTrue(sink.closes.get(0).compareTo(Duration.ofSeconds(5)) <= 0,
                    "given what is left of the shutdown timeout, got " + sink.closes.get(0));
        }
    }
}
