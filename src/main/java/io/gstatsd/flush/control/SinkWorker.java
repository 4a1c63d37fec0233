package io.gstatsd.flush.control;

import io.gstatsd.aggregate.entity.Snapshot;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * A sink's own thread, so that {@link Sink#publish} returns at once: it takes the published snapshots in
 * order and hands each to the sink's {@link Job}. A job may also ask to be woken without a snapshot (a retry
 * falling due), and may keep a closing worker going until it has done what it can.
 * <p>
 * Threads: {@link #offer} (the flush thread) never waits for the job, and neither does {@link #waiting}
 * (any thread). The job runs on the worker thread only; once {@link #close} has reported that the worker
 * ended, the closing thread may take over with {@link #takeLeftover} (the join orders the two).
 */
public final class SinkWorker {

    /**
     * What a sink does on its worker thread; every method is called on that thread. {@link #catchUpInMillis}
     * and {@link #mayEnd} are asked while {@link #offer} waits, so they must answer at once.
     */
    public interface Job {

        /** One published snapshot; snapshots come oldest first. */
        void take(Snapshot snapshot);

        /**
         * After every wake-up, with a snapshot or without (a due time, or closing): the chance to do work put off
         * until then.
         */
        default void catchUp(boolean closing) {
        }

        /** How long the worker may wait for a snapshot before calling {@link #catchUp} anyway; {@link Long#MAX_VALUE}: no limit. */
        default long catchUpInMillis() {
            return Long.MAX_VALUE;
        }

        /** Whether a closing worker that has taken every snapshot may end now. */
        default boolean mayEnd() {
            return true;
        }
    }

    private final Job job;
    private final Thread thread;
    private final Object lock = new Object();
    private final ArrayDeque<Snapshot> incoming = new ArrayDeque<>();
    private boolean closing;

    /**
     * Starts the worker on a thread from {@code threads} (the container's, in production), named {@code name};
     * a daemon, so that a worker stuck on a dead network never holds the JVM up.
     */
    public SinkWorker(String name, ThreadFactory threads, Job job) {
        this.job = Objects.requireNonNull(job, "job");
        this.thread = Objects.requireNonNull(threads.newThread(this::work), "the thread factory gave no thread");
        thread.setName(Objects.requireNonNull(name, "name"));
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands a snapshot to the worker; ignored once closing, as the last flush has been published by then. */
    public void offer(Snapshot snapshot) {
        synchronized (lock) {
            if (closing) {
                return;
            }
            incoming.add(snapshot);
            lock.notifyAll();
        }
    }

    /** Snapshots offered and not yet taken. */
    public int waiting() {
        synchronized (lock) {
            return incoming.size();
        }
    }

    /**
     * Lets the worker take what was offered and end when its job may, waiting at most {@code timeout}, then
     * interrupts it.
     *
     * @return whether the worker has ended
     */
    public boolean close(Duration timeout) {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        return !thread.isAlive();
    }

    /**
     * The oldest snapshot the ended worker never took, or null: at JVM exit the container may stop the
     * thread before the last flush reached it.
     */
    public Snapshot takeLeftover() {
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " is still running; leftovers are taken after close");
        }
        synchronized (lock) {
            return incoming.poll();
        }
    }

    private void work() {
        try {
            while (true) {
                Snapshot next;
                synchronized (lock) {
                    long waitMillis;
                    while (incoming.isEmpty() && !closing && (waitMillis = job.catchUpInMillis()) > 0) {
                        lock.wait(waitMillis == Long.MAX_VALUE ? 0 : waitMillis);
                    }
                    if (closing && incoming.isEmpty() && job.mayEnd()) {
                        return;
                    }
                    next = incoming.poll();
                }
                if (next != null) {
                    job.take(next);
                }
                job.catchUp(closing());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean closing() {
        synchronized (lock) {
            return closing;
        }
    }
}
