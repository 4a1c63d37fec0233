package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.flush.control.SinkTelemetry;
import io.gstatsd.flush.control.SinkWorker;
import io.gstatsd.graphite.entity.CarbonTarget;
import io.gstatsd.graphite.entity.FlushText;
import io.gstatsd.graphite.entity.Namespace;
import io.gstatsd.graphite.entity.QueueBounds;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
 * With a state directory, the flushes still undelivered at shutdown are kept there ({@link KeptFlushes}) and
 * queued first by the sink of the next start.
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
    private final GraphiteStats stats;
    private final SinkWorker worker;
    private final KeptFlushes kept;

    /** @param statsPrefix the prefix of Etsy's {@code graphiteStats.*} figures, {@code stats.statsd} or {@code stats} */
    public GraphiteSink(CarbonTarget target, QueueBounds bounds, GraphiteText text, String statsPrefix, Clock clock,
                        ThreadFactory threads) {
        this(target, bounds, text, statsPrefix, "", clock, threads, null);
    }

    /**
     * @param kept where the flushes left undelivered at shutdown wait for the next start, which queues them
     *             first (within the bounds, the oldest dropped first); null: they are lost
     */
    public GraphiteSink(CarbonTarget target, QueueBounds bounds, GraphiteText text, String statsPrefix, Clock clock,
                        ThreadFactory threads, KeptFlushes kept) {
        this(target, bounds, text, statsPrefix, "", clock, threads, kept);
    }

    /**
     * @param namespace names Etsy's {@code graphiteStats.*} figures (prefix and global suffix)
     * @param kept      as above
     */
    public GraphiteSink(CarbonTarget target, QueueBounds bounds, GraphiteText text, Namespace namespace, Clock clock,
                        ThreadFactory threads, KeptFlushes kept) {
        this(target, bounds, text, namespace.statsd(), namespace.suffix(), clock, threads, kept);
    }

    private GraphiteSink(CarbonTarget target, QueueBounds bounds, GraphiteText text, String statsPrefix,
                         String statsSuffix, Clock clock, ThreadFactory threads, KeptFlushes kept) {
        this.target = Objects.requireNonNull(target, "target");
        this.kept = kept;
        this.pending = new PendingFlushes(bounds.flushes(), bounds.bytes());
        queueKept(clock.millis());
        this.backoff = new ReconnectBackoff(Math.min(FIRST_BACKOFF_MILLIS, target.timeoutMillis()), MAX_BACKOFF_MILLIS,
                clock);
        this.stats = new GraphiteStats(statsPrefix, statsSuffix, clock);
        this.delivery = new CarbonDelivery(target, text, pending,
                new RecentFlushes(bounds.redeliverFlushes(), bounds.bytes()), backoff, stats);
        this.worker = new SinkWorker("gstatsd-graphite-" + target.host() + ":" + target.port(), threads, delivery);
    }

    private void queueKept(long nowMillis) {
        if (kept == null) {
            return;
        }
        List<FlushText> flushes = kept.take(nowMillis);
        int dropped = 0;
        for (FlushText flush : flushes) {
            dropped += pending.add(flush);
        }
        if (!flushes.isEmpty()) {
            LOG.info(target + ": " + flushes.size() + " flushes left undelivered at the last stop are queued"
                    + (dropped > 0 ? ", " + dropped + " of them dropped to stay within " + pending : ""));
        }
    }

    @Override
    public void publish(Snapshot snapshot) {
        worker.offer(snapshot);
    }

    @Override
    public void status(StatusWriter out) {
        stats.status(out);
    }

    @Override
    public SinkTelemetry telemetry() {
        return stats.telemetry(pendingFlushes(), pending.dropped());
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
        if (left > 0 && !keptForNextStart()) {
            LOG.warning(this + ": " + left + " flushes not delivered at shutdown");
        }
    }

    /**
     * The queue goes to the state directory. If the worker is still stuck in a write, a flush it delivers
     * after this is sent again at the next start: carbon stores a repeated point over itself.
     */
    private boolean keptForNextStart() {
        if (kept == null) {
            return false;
        }
        List<FlushText> flushes = pending.all();
        try {
            kept.keep(flushes);
            LOG.info(this + ": " + flushes.size() + " undelivered flushes kept in " + kept + " for the next start");
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warning(this + ": cannot keep " + flushes.size() + " undelivered flushes in " + kept + " (" + e + ")");
            return false;
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
