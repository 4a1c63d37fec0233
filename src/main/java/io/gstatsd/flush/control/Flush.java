package io.gstatsd.flush.control;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.entity.Snapshot;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One flush: ends the interval in the aggregation, stamped by the {@link FlushSchedule}, and hands the
 * snapshot to every sink.
 * <p>
 * With a state directory, a restart loses nothing and overwrites nothing: the shutdown saves the partial
 * interval instead of sending it (sent, it would share its Graphite slot with the next server's first
 * flush, and Graphite keeps one value per slot), and the start takes it over: merged into the first
 * interval when that is the interval it belongs to, or, when its interval ended while no server ran,
 * flushed on its own with its own timestamp, which no other flush has used.
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
    private final PartialIntervalStore store;
    private final SnapshotExchange exchange;
    private final List<FlushObserver> observers;
    private boolean finished;

    /** @param store where the partial interval waits for the next start; null: it is sent at shutdown */
    public Flush(Aggregation aggregation, List<Sink> sinks, FlushSchedule schedule, Clock clock,
                 PartialIntervalStore store) {
        this(aggregation, sinks, schedule, clock, store, SnapshotExchange.NONE, List.of());
    }

    /** @param observers told after each timed flush (the telemetry) */
    public Flush(Aggregation aggregation, List<Sink> sinks, FlushSchedule schedule, Clock clock,
                 PartialIntervalStore store, List<FlushObserver> observers) {
        this(aggregation, sinks, schedule, clock, store, SnapshotExchange.NONE, observers);
    }

    /**
     * @param exchange  what the members of a cluster do with each interval before it is published
     * @param observers told after each timed flush (the telemetry)
     */
    public Flush(Aggregation aggregation, List<Sink> sinks, FlushSchedule schedule, Clock clock,
                 PartialIntervalStore store, SnapshotExchange exchange, List<FlushObserver> observers) {
        this.exchange = Objects.requireNonNull(exchange);
        this.observers = List.copyOf(observers);
        List<Sink> clusterWide = sinks.stream().filter(Sink::clusterWide).toList();
        if (!clusterWide.isEmpty()) {
            exchange.shareViews(view -> clusterWide.forEach(sink -> sink.publish(view)));
        }
        this.aggregation = Objects.requireNonNull(aggregation);
        this.sinks = List.copyOf(sinks);
        this.schedule = Objects.requireNonNull(schedule);
        this.clock = Objects.requireNonNull(clock);
        this.store = store;
    }

    /** Before the first flush: takes over the partial interval the last server saved, if any. */
    public synchronized void start() {
        if (store == null) {
            return;
        }
        long now = clock.millis();
        store.take(now).ifPresent(partial -> carryOver(partial, now));
    }

    private void carryOver(PartialInterval partial, long now) {
        boolean inProgress = partial.endMillis() > now;
        int keys = aggregation.carryOver(partial.snapshot(), partial.activity(), inProgress);
        String saved = "gstatsd: the partial interval saved by the last server (" + keys + " keys, ending "
                + Instant.ofEpochMilli(partial.endMillis()) + ")";
        if (inProgress) {
            LOG.info(saved + " is merged into this interval");
        } else {
            publish(partial.snapshot());
            LOG.info(saved + " is flushed on its own with that timestamp; its keys are carried over");
        }
    }

    /** The timer fired: flushes the interval it fired for, unless that one was flushed already. */
    @Override
    public synchronized void run() {
        if (finished) {
            return;
        }
        long end = schedule.endOfFlushAt(clock.millis());
        if (end != FlushSchedule.NO_FLUSH) {
            long started = System.nanoTime();
            Snapshot snapshot = exchange.exchange(aggregation.drain(end));
            publish(snapshot);
            observe(snapshot, System.nanoTime() - started);
        }
    }

    private void observe(Snapshot snapshot, long flushNanos) {
        for (FlushObserver observer : observers) {
            try {
                observer.flushed(snapshot, flushNanos);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "flush observer " + observer + " failed", e);
            }
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

    private boolean handedOver(Snapshot partial) {
        try {
            return exchange.handOver(partial);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "gstatsd: cannot hand the partial interval over to the cluster (" + e + ")");
            return false;
        }
    }

    private boolean saved(PartialInterval partial) {
        if (store == null) {
            return false;
        }
        try {
            store.save(partial);
            LOG.info("gstatsd: the partial interval (ending " + Instant.ofEpochMilli(partial.endMillis()) + ", "
                    + partial.snapshot().numStats() + " stats) is saved in " + store.file() + " for the next start");
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "gstatsd: cannot save the partial interval in " + store.file() + " (" + e
                    + "); sending it instead");
            return false;
        }
    }

    /**
     * The last flush at shutdown: saves the partial interval for the next start or, without a state
     * directory or when saving fails, publishes it. Either way it is stamped with the end of the interval it
     * belongs to, not the time of shutdown, which would share the last full flush's slot. Then gives the sinks
     * {@code timeout} to deliver. Only the first call does anything, as undeployment and JVM exit may both
     * call it.
     */
    public void finish(Duration timeout) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            Snapshot partial = aggregation.drain(schedule.endOfIntervalInProgress(clock.millis()));
            if (!handedOver(partial) && !saved(new PartialInterval(partial, aggregation.keyActivity()))) {
                publish(partial);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Sink sink : sinks) {
            sink.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }
}
