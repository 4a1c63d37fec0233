package io.gstatsd.graphite.control;

import io.gstatsd.vocabulary.control.EpochSeconds;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.Sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
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
 * Threads: {@link #publish} (flush thread) only enqueues; one worker thread formats and delivers.
 */
public final class GraphiteSink implements Sink {

    private static final Logger LOG = Logger.getLogger(GraphiteSink.class.getName());
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final GraphiteText text;
    private final String statsPrefix;
    private final long timeoutMillis;
    private final int maxPendingFlushes;
    private final long maxPendingBytes;
    private final int redeliverFlushes;
    private final Clock clock;
    private final Thread worker;

    private final Object lock = new Object();
    private final ArrayDeque<Snapshot> incoming = new ArrayDeque<>();
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private long pendingBytes;
    private boolean closing;

    // worker-only state
    private final ArrayDeque<ByteBuffer> recentlyDelivered = new ArrayDeque<>();
    private long recentlyDeliveredBytes;
    private boolean outage;
    private long backoffMillis;
    private long nextAttemptMillis;
    private long droppedFlushes;
    private long lastException;
    private long lastFlush;
    private long flushTimeMillis;
    private long flushLength;

    public GraphiteSink(String host, int port, GraphiteText text, String statsPrefix, long timeoutMillis,
                        int maxPendingFlushes, long maxPendingBytes, int redeliverFlushes, Clock clock,
                        ThreadFactory threads) {
        if (maxPendingFlushes < 1 || maxPendingBytes < 1 || timeoutMillis < 1 || redeliverFlushes < 0) {
            throw new IllegalArgumentException("bounds and timeout must be positive");
        }
        this.host = host;
        this.port = port;
        this.text = text;
        this.statsPrefix = statsPrefix;
        this.timeoutMillis = timeoutMillis;
        this.maxPendingFlushes = maxPendingFlushes;
        this.maxPendingBytes = maxPendingBytes;
        this.redeliverFlushes = redeliverFlushes;
        this.clock = clock;
        this.lastFlush = EpochSeconds.of(clock.millis());
        this.worker = threads.newThread(this::work);
        worker.setName("gstatsd-graphite-" + host + ":" + port);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void publish(Snapshot snapshot) {
        synchronized (lock) {
            if (closing) {
                return;
            }
            incoming.add(snapshot);
            lock.notifyAll();
        }
    }

    /** Flushes still waiting to be delivered (for tests and the operator's view). */
    public int pendingFlushes() {
        synchronized (lock) {
            return pending.size() + incoming.size();
        }
    }

    @Override
    public void close(Duration timeout) {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            worker.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.interrupt();
        if (!worker.isAlive() && pendingFlushes() > 0) {
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
        while ((next = pollIncoming()) != null) {
            enqueue(text.of(next));
        }
        deliver();
    }

    private Snapshot pollIncoming() {
        synchronized (lock) {
            return incoming.poll();
        }
    }

    private void work() {
        try {
            while (true) {
                Snapshot next;
                synchronized (lock) {
                    while (incoming.isEmpty() && !closing && !retryDue()) {
                        lock.wait(waitMillis());
                    }
                    if (closing && incoming.isEmpty() && (pending.isEmpty() || outage)) {
                        return;
                    }
                    next = incoming.poll();
                }
                if (next != null) {
                    enqueue(text.of(next));
                }
                boolean closingNow;
                synchronized (lock) {
                    closingNow = closing;
                }
                if (!pendingIsEmpty() && (retryDue() || closingNow)) {
                    deliver();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean retryDue() {
        return !pendingIsEmpty() && clock.millis() >= nextAttemptMillis;
    }

    private long waitMillis() {
        if (pendingIsEmpty()) {
            return 0;
        }
        return Math.max(1, nextAttemptMillis - clock.millis());
    }

    private boolean pendingIsEmpty() {
        synchronized (lock) {
            return pending.isEmpty();
        }
    }

    private void enqueue(ByteBuffer payload) {
        synchronized (lock) {
            pending.add(payload);
            pendingBytes += payload.remaining();
            int dropped = 0;
            while (pending.size() > maxPendingFlushes || (pendingBytes > maxPendingBytes && pending.size() > 1)) {
                pendingBytes -= pending.poll().remaining();
                dropped++;
            }
            if (dropped > 0) {
                if (droppedFlushes == 0 || !outage) {
                    LOG.warning(this + ": queue full (" + maxPendingFlushes + " flushes or " + maxPendingBytes
                            + " bytes); dropping the oldest flushes");
                }
                droppedFlushes += dropped;
            }
        }
    }

    private void deliver() {
        int delivered = 0;
        try (TimedConnection connection = TimedConnection.open(host, port, timeoutMillis)) {
            while (true) {
                ByteBuffer payload;
                synchronized (lock) {
                    payload = pending.peek();
                }
                if (payload == null) {
                    break;
                }
                long started = System.nanoTime();
                connection.write(payload.duplicate());
                flushTimeMillis = (System.nanoTime() - started) / 1_000_000;
                flushLength = payload.remaining();
                synchronized (lock) {
                    pending.poll();
                    pendingBytes -= payload.remaining();
                }
                remember(payload);
                delivered++;
            }
            lastFlush = EpochSeconds.of(clock.millis());
            connection.write(ByteBuffer.wrap(ownStats().getBytes(StandardCharsets.UTF_8)));
            recovered(delivered);
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    /**
     * Keeps the last flushes for redelivery, within the queue's byte bound: a flush too big for it is not
     * kept (the queue's memory, not the redelivery, is what the operator sized).
     */
    private void remember(ByteBuffer payload) {
        if (redeliverFlushes == 0) {
            return;
        }
        recentlyDelivered.addLast(payload);
        recentlyDeliveredBytes += payload.remaining();
        while (recentlyDelivered.size() > redeliverFlushes || recentlyDeliveredBytes > maxPendingBytes) {
            recentlyDeliveredBytes -= recentlyDelivered.removeFirst().remaining();
        }
    }

    /** Puts the flushes delivered just before the outage back at the head of the queue, oldest first. */
    private void requeueRecentlyDelivered() {
        synchronized (lock) {
            while (!recentlyDelivered.isEmpty()) {
                ByteBuffer payload = recentlyDelivered.removeLast();
                pending.addFirst(payload);
                pendingBytes += payload.remaining();
            }
            recentlyDeliveredBytes = 0;
        }
    }

    /** Etsy's per-backend figures, sent after each delivery with the delivery's own timestamp. */
    private String ownStats() {
        String ts = " " + EpochSeconds.of(clock.millis()) + "\n";
        return statsPrefix + ".graphiteStats.last_exception " + lastException + ts
                + statsPrefix + ".graphiteStats.last_flush " + lastFlush + ts
                + statsPrefix + ".graphiteStats.flush_time " + flushTimeMillis + ts
                + statsPrefix + ".graphiteStats.flush_length " + flushLength + ts
                + statsPrefix + ".graphiteStats.dropped_flushes " + droppedFlushes + ts;
    }

    private void recovered(int delivered) {
        if (outage) {
            LOG.info(this + " is reachable again; delivered " + delivered + " queued flushes");
        }
        outage = false;
        backoffMillis = 0;
        nextAttemptMillis = 0;
    }

    private void failed(Exception e) {
        lastException = EpochSeconds.of(clock.millis());
        if (!outage) {
            LOG.log(Level.WARNING, this + " unreachable (" + e + "); keeping flushes to resend");
            requeueRecentlyDelivered();
        }
        outage = true;
        backoffMillis = backoffMillis == 0 ? Math.min(1000, timeoutMillis) : Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        nextAttemptMillis = clock.millis() + backoffMillis;
    }

    @Override
    public String toString() {
        return "graphite " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
