package io.gstatsd.flush.control;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.entity.Snapshot;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One flush: ends the interval in the aggregation, stamped by the {@link FlushSchedule}, and hands the
 * snapshot to every sink.
 * <p>
 * Thread-safe: the timer's flushes and the shutdown's last one are serialised here, so no flush follows the
 * last; sinks take the immutable snapshot.
 */
public final class Flush implements Runnable {

    private static final Logger LOG = Logger.getLogger(Flush.class.getName());

    private final Aggregation aggregation;
    private final List<Sink> sinks;
    private final FlushSchedule schedule;
    private final Clock clock;
    private boolean finished;

    public Flush(Aggregation aggregation, List<Sink> sinks, FlushSchedule schedule, Clock clock) {
        this.aggregation = Objects.requireNonNull(aggregation);
        this.sinks = List.copyOf(sinks);
        this.schedule = Objects.requireNonNull(schedule);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The timer fired: flushes the interval it fired for, unless that one was flushed already. */
    @Override
    public synchronized void run() {
        if (finished) {
            return;
        }
        long end = schedule.endOfFlushAt(clock.millis());
        if (end != FlushSchedule.NO_FLUSH) {
            publish(aggregation.drain(end));
        }
    }

    private void publish(Snapshot snapshot) {
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
     * The last flush at shutdown: publishes the partial interval, stamped with the end of the interval it
     * belongs to (not the time of shutdown, which would share the last full flush's slot), then gives the
     * sinks {@code timeout} to deliver. Only the first call does anything, as undeployment and JVM exit may
     * both call it.
     */
    public void finish(Duration timeout) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            publish(aggregation.drain(schedule.endOfIntervalInProgress(clock.millis())));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Sink sink : sinks) {
            sink.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }
}
