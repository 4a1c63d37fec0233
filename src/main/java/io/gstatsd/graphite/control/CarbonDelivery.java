package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.SinkWorker;
import io.gstatsd.graphite.entity.CarbonTarget;
import io.gstatsd.graphite.entity.FlushText;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Graphite sink's work: each published snapshot joins the pending queue as Graphite text; when a delivery
 * is due (at once while carbon is reachable, at the backoff's time in an outage, at once when closing) the
 * queue goes out oldest first over one {@link TimedConnection}, each flush leaving the queue only once
 * written, then Etsy's own figures. A failed delivery starts or prolongs an outage; at its start the last
 * delivered flushes are queued again. An outage is logged once, its end once, and a full queue once per
 * outage.
 * <p>
 * Threads: the sink's worker thread only, or the closing thread once the worker has ended (the join orders
 * them). Of what it shares, the sink reads only the queue's size and whether an outage is under way.
 */
final class CarbonDelivery implements SinkWorker.Job {

    private static final Logger LOG = Logger.getLogger(CarbonDelivery.class.getName());

    private final CarbonTarget target;
    private final GraphiteText text;
    private final PendingFlushes pending;
    private final RecentFlushes recent;
    private final ReconnectBackoff backoff;
    private final GraphiteStats stats;

    CarbonDelivery(CarbonTarget target, GraphiteText text, PendingFlushes pending, RecentFlushes recent,
                   ReconnectBackoff backoff, GraphiteStats stats) {
        this.target = Objects.requireNonNull(target, "target");
        this.text = Objects.requireNonNull(text, "text");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.recent = Objects.requireNonNull(recent, "recent");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    @Override
    public void take(Snapshot snapshot) {
        int dropped = pending.add(text.of(snapshot));
        if (dropped > 0 && (pending.dropped() == dropped || !backoff.inOutage())) {
            LOG.warning(target + ": queue full (" + pending + "); dropping the oldest flushes");
        }
    }

    @Override
    public void catchUp(boolean closing) {
        if (!pending.isEmpty() && (backoff.millisUntilAttempt() <= 0 || closing)) {
            deliver();
        }
    }

    @Override
    public long catchUpInMillis() {
        return pending.isEmpty() ? Long.MAX_VALUE : backoff.millisUntilAttempt();
    }

    /** In an outage a closing sink gives up on the queue rather than wait out the backoff. */
    @Override
    public boolean mayEnd() {
        return pending.isEmpty() || backoff.inOutage();
    }

    /** One attempt to deliver the whole queue. */
    void deliver() {
        int delivered = 0;
        try (TimedConnection connection = TimedConnection.open(target.host(), target.port(), target.timeoutMillis())) {
            FlushText payload;
            while ((payload = pending.oldest()) != null) {
                long started = System.nanoTime();
                for (ByteBuffer chunk : payload.chunks()) {
                    connection.write(chunk);
                }
                stats.wrote(System.nanoTime() - started, payload.bytes());
                pending.removeOldest();
                recent.remember(payload);
                delivered++;
            }
            stats.delivered();
            connection.write(stats.lines(pending.dropped()));
            recovered(delivered);
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void recovered(int delivered) {
        if (backoff.inOutage()) {
            LOG.info(target + " is reachable again; delivered " + delivered + " queued flushes");
        }
        backoff.succeeded();
    }

    private void failed(Exception e) {
        stats.failed();
        if (!backoff.inOutage()) {
            LOG.log(Level.WARNING, target + " unreachable (" + e + "); keeping flushes to resend");
            pending.putBack(recent.takeAll());
        }
        // after the requeue: whoever sees the outage also sees the queue it left
        backoff.failed();
    }
}
