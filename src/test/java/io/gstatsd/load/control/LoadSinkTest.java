package io.gstatsd.load.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.load.entity.LoadAnswer;
import io.gstatsd.load.entity.WindowSpec;
import io.gstatsd.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadSinkTest {

    /** A wall-clock minute boundary: 1_700_000_040 is divisible by 60. */
    private static final long MINUTE = 1_700_000_040_000L;
    private static final WindowSpec ONE = new WindowSpec(1, false);
    private static final WindowSpec FIVE_FULL = new WindowSpec(5, true);

    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(MINUTE + 20_000), ZoneOffset.UTC);
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ThreadFactory recordingThreads = runnable -> {
        Thread thread = new Thread(runnable);
        threads.add(thread);
        return thread;
    };
    private final LoadSink sink = new LoadSink(new MinuteFrames(new LoadFormatter(List.of(90.0)), MINUTE), clock,
            recordingThreads);

    @AfterEach
    void close() {
        sink.close(Duration.ZERO);
    }

    private Snapshot hits(double count) {
        return new Snapshot(clock.millis(), 10_000, List.of(new CounterValue("hits", count)), List.of(), List.of(),
                List.of(), 0);
    }

    @Test
    void aPublishedSnapshotIsFoldedIntoTheAnswers() throws Exception {
        sink.publish(hits(12));
        Await.until(() -> sink.answer(ONE).figures().containsKey("stats_counts.hits"), Duration.ofSeconds(5),
                "the flush folded in");
        LoadAnswer one = sink.answer(ONE);
        assertEquals(12, one.figures().get("stats_counts.hits"));
        assertEquals(12 / 20.0, one.figures().get("stats.hits"), 1e-12, "rate over the 20 s since the server started");
        assertEquals(MINUTE / 1000, one.startSeconds());
        assertEquals(MINUTE / 1000 + 20, one.endSeconds());
    }

    @Test
    void beforeTheFirstFlushAWindowIsEmptyAndEndsNow() {
        LoadAnswer five = sink.answer(FIVE_FULL);
        assertTrue(five.figures().isEmpty());
        assertEquals(MINUTE / 1000 + 20, five.endSeconds());
        assertEquals(MINUTE / 1000 - 5 * 60, five.startSeconds(), "the five complete minutes before this one");
    }

    @Test
    void closeFoldsWhatWasPublishedBeforeItAndEndsTheWorker() {
        sink.publish(hits(3));
        sink.publish(hits(4));
        sink.close(Duration.ofSeconds(5));
        assertEquals(1, threads.size());
        assertFalse(threads.get(0).isAlive(), "the worker ended");
        assertEquals(7, sink.answer(ONE).figures().get("stats_counts.hits"));
    }
}
