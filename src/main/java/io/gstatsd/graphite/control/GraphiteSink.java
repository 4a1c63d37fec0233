package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.flush.control.SinkWorker;
import io.gstatsd.graphite.entity.CarbonTarget;
import io.gstatsd.graphite.entity.QueueBounds;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * Writes flushes to one carbon server over the plaintext protocol, one connection per delivery, on its
 * own thread. Flushes that cannot be delivered wait in a bounded queue (the oldest go first when it is
 * full) and are resent in order with their original timestamps; carbon stores a resent point again at the
 * same timestamp, so a delivery cut half-way loses nothing by being repeated. A failure is logged once
 * per outage.
 * <p>
 * Plaintext has no acknowledgement: a carbon that stops right after accepting a flush loses it while the
 * write looked successful (seen in ReliabilityIT: one flush lost at every carbon restart). So when an
 * outage begins, the last {@code redeliverFlushes} delivered flushes are queued again; carbon stores a
 * repeated point over itself, so a flush that did arrive costs nothing. (A summing carbon-aggregator in
 * front would count it twice: set {@code gstatsd.graphite.redeliver-flushes=0} there.)
 * <p>
 * The jobs: {@link SinkWorker} (the thread), {@link CarbonDelivery} (what it does), {@link PendingFlushes}
 * (the bounded queue), {@link RecentFlushes} (redelivery), {@link ReconnectBackoff} (when to retry),
 * {@link GraphiteStats} (Etsy's own figures).
 * <p>
 * Threads: {@link #publish} (flush thread) only hands the snapshot over; the worker formats and delivers;
 * {@link #pendingFlushes} and {@link #unreachable} may be read from any thread.
 */
public final class GraphiteSink implements Sink {

    private static final Logger LOG = Logger.getLogger(GraphiteSink.class.getName());
    private static final long FIRST_BACKOFF_MILLIS = 1000;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final CarbonTarget target;
    private final PendingFlushes pending;
    private final ReconnectBackoff backoff;
    private final CarbonDelivery delivery;
    private final SinkWorker worker;

    /** @param statsPrefix the prefix of Etsy's {@code graphiteStats.*} figures, {@code stats.statsd} or {@code stats} */
    public GraphiteSink(CarbonTarget target, QueueBounds bounds, GraphiteText text, String statsPrefix, Clock clock,
                        ThreadFactory threads) {
        this.target = Objects.requireNonNull(target, "target");
        this.pending = new PendingFlushes(bounds.flushes(), bounds.bytes());
        this.backoff = new ReconnectBackoff(Math.min(FIRST_BACKOFF_MILLIS, target.timeoutMillis()), MAX_BACKOFF_MILLIS,
                clock);
        this.delivery = new CarbonDelivery(target, text, pending,
                new RecentFlushes(bounds.redeliverFlushes(), bounds.bytes()), backoff, new GraphiteStats(statsPrefix, clock));
        this.worker = new SinkWorker("gstatsd-graphite-" + target.host() + ":" + target.port(), threads, delivery);
    }

    @Override
    public void publish(Snapshot snapshot) {
        worker.offer(snapshot);
    }

    /** Flushes still waiting to be delivered (for tests and the operator's view). */
    public int pendingFlushes() {
        // The queue before the hand-over: a flush moving from one to the other is missed for a moment, never
        // counted twice.
        int queued = pending.size();
        return queued + worker.waiting();
    }

    /** Whether the last delivery attempt failed and carbon is being retried (for tests and the operator's view). */
    public boolean unreachable() {
        return backoff.inOutage();
    }

    /** Carbon is being retried and the queue is at its bound: the next flush pushes the oldest out. */
    @Override
    public boolean keepingUp() {
        return !(unreachable() && pending.full());
    }

    @Override
    public void close(Duration timeout) {
        if (worker.close(timeout) && pendingFlushes() > 0) {
            deliverLeftovers();
        }
        int left = pendingFlushes();
        if (left > 0) {
            LOG.warning(this + ": " + left + " flushes not delivered at shutdown");
        }
    }

    /**
     * At JVM exit the container may have stopped the worker thread before the last flush reached it; the
     * caller's thread then makes one delivery attempt itself (the worker is gone, so its state is free).
     */
    private void deliverLeftovers() {
        Snapshot next;
        while ((next = worker.takeLeftover()) != null) {
            delivery.take(next);
        }
        delivery.deliver();
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
