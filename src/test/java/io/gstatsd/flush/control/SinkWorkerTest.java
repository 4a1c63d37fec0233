package io.gstatsd.flush.control;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SinkWorkerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ThreadFactory recordingThreads = runnable -> {
        Thread thread = new Thread(runnable);
        thread.setUncaughtExceptionHandler((dead, e) -> { });
        threads.add(thread);
        return thread;
    };
    private final List<SinkWorker> workers = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() {
        workers.forEach(worker -> worker.close(Duration.ZERO));
    }

    private SinkWorker worker(SinkWorker.Job job) {
        SinkWorker worker = new SinkWorker("test-sink", recordingThreads, job);
        workers.add(worker);
        return worker;
    }

    private static Snapshot flush(long epochSeconds) {
        return new Snapshot(epochSeconds * 1000, 1000, List.of(), List.of(), List.of(), List.of(), 0);
    }

    @Test
    void offeredSnapshotsAreTakenInOrderOnTheWorkersOwnNamedDaemonThread() throws Exception {
        List<Snapshot> taken = new CopyOnWriteArrayList<>();
        List<String> takers = new CopyOnWriteArrayList<>();
        SinkWorker worker = worker(snapshot -> {
            taken.add(snapshot);
            takers.add(Thread.currentThread().getName());
        });
        List<Snapshot> offered = List.of(flush(1), flush(2), flush(3));
        offered.forEach(worker::offer);
        Await.until(() -> taken.size() == 3, PATIENCE, "three snapshots taken");
        assertEquals(offered, taken);
        assertEquals(List.of("test-sink", "test-sink", "test-sink"), takers);
        assertTrue(threads.get(0).isDaemon());
    }

    @Test
    void closeLetsTheWorkerTakeEverythingOfferedBeforeItThenEndsIt() {
        List<Snapshot> taken = new CopyOnWriteArrayList<>();
        SinkWorker worker = worker(taken::add);
        for (int i = 1; i <= 100; i++) {
            worker.offer(flush(i));
        }
        assertTrue(worker.close(PATIENCE), "the worker ended");
        assertEquals(100, taken.size());
        assertEquals(0, worker.waiting());
    }

    @Test
    void aSnapshotOfferedAfterCloseIsNotKept() {
        SinkWorker worker = worker(snapshot -> { });
        assertTrue(worker.close(PATIENCE));
        worker.offer(flush(1));
        assertEquals(0, worker.waiting());
        assertNull(worker.takeLeftover());
    }

    @Test
    void aJobIsWokenWithoutASnapshotWhenItsCatchUpFallsDue() throws Exception {
        AtomicInteger catchUps = new AtomicInteger();
        worker(new SinkWorker.Job() {
            private long dueNanos = System.nanoTime() + 5_000_000;

            @Override
            public void take(Snapshot snapshot) {
            }

            @Override
            public void catchUp(boolean closing) {
                catchUps.incrementAndGet();
                dueNanos = System.nanoTime() + 5_000_000;
            }

            @Override
            public long catchUpInMillis() {
                return catchUps.get() < 3 ? (dueNanos - System.nanoTime()) / 1_000_000 : Long.MAX_VALUE;
            }
        });
        Await.until(() -> catchUps.get() == 3, PATIENCE, "three catch-ups with no snapshot offered");
    }

    @Test
    void aClosingWorkerGoesOnCatchingUpUntilItsJobMayEnd() {
        AtomicInteger closingCatchUps = new AtomicInteger();
        SinkWorker worker = worker(new SinkWorker.Job() {
            @Override
            public void take(Snapshot snapshot) {
            }

            @Override
            public void catchUp(boolean closing) {
                if (closing) {
                    closingCatchUps.incrementAndGet();
                }
            }

            @Override
            public boolean mayEnd() {
                return closingCatchUps.get() >= 3;
            }
        });
        assertTrue(worker.close(PATIENCE), "the worker ended");
        assertEquals(3, closingCatchUps.get());
    }

    @Test
    void aWorkerStillBusyWhenCloseTimesOutIsInterruptedAndWhatItNeverTookIsLeftToTheCloser() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        SinkWorker worker = worker(snapshot -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw new IllegalStateException("stopped, as a container stops its threads at exit");
            }
        });
        worker.offer(flush(1));
        Await.until(() -> worker.waiting() == 0, PATIENCE, "the first snapshot taken");
        worker.offer(flush(2));
        assertThrows(IllegalStateException.class, worker::takeLeftover, "no leftovers while the worker runs");
        worker.close(Duration.ofMillis(10));
        Await.until(() -> !threads.get(0).isAlive(), PATIENCE, "the interrupted worker ended");
        assertTrue(interrupted.get());
        assertEquals(2, worker.takeLeftover().epochSeconds());
        assertNull(worker.takeLeftover());
    }
}
