package io.gstatsd.flush.control;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.entity.Snapshot;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One flush: ends the interval in the aggregation and hands the snapshot to every sink.
 * Thread-safe: the aggregation serialises drains; sinks take the immutable snapshot.
 */
public final class Flush implements Runnable {

    private static final Logger LOG = Logger.getLogger(Flush.class.getName());

    private final Aggregation aggregation;
    private final List<Sink> sinks;
    private final Clock clock;
    private final AtomicBoolean finished = new AtomicBoolean();

    public Flush(Aggregation aggregation, List<Sink> sinks, Clock clock) {
        this.aggregation = aggregation;
        this.sinks = List.copyOf(sinks);
        this.clock = clock;
    }

    @Override
    public void run() {
        Snapshot snapshot = aggregation.drain(clock.millis());
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("flush at " + snapshot.epochSeconds() + ": " + snapshot.numStats() + " stats");
        }
        for (Sink sink : sinks) {
            try {
                sink.publish(snapshot);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "sink " + sink + " failed to take a flush", e);
            }
        }
    }

    /**
     * The last flush at shutdown: publishes the partial interval, then gives the sinks {@code timeout} to
     * deliver. Only the first call does anything, as undeployment and JVM exit may both call it.
     */
    public void finish(Duration timeout) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        run();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Sink sink : sinks) {
            sink.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }
}
