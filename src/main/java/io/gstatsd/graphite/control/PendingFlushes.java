package io.gstatsd.graphite.control;

import io.gstatsd.graphite.entity.FlushText;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The flushes waiting for carbon, oldest first, bounded by count and by bytes: adding one over either bound
 * drops the oldest, and counts them. The newest is always kept, even alone over the bytes bound, so that a
 * flush bigger than the bound is still tried once.
 * <p>
 * Thread-safe: the sink's worker adds, delivers and puts back; any thread may read the size.
 */
final class PendingFlushes {

    private final int maxFlushes;
    private final long maxBytes;
    private final ArrayDeque<FlushText> flushes = new ArrayDeque<>();
    private long bytes;
    private long dropped;

    PendingFlushes(int maxFlushes, long maxBytes) {
        if (maxFlushes < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("bounds must be positive, got " + maxFlushes + " flushes and "
                    + maxBytes + " bytes");
        }
        this.maxFlushes = maxFlushes;
        this.maxBytes = maxBytes;
    }

    /** @return how many of the oldest flushes were dropped to make room */
    synchronized int add(FlushText payload) {
        flushes.add(payload);
        bytes += payload.bytes();
        int droppedNow = 0;
        while (flushes.size() > maxFlushes || (bytes > maxBytes && flushes.size() > 1)) {
            bytes -= flushes.poll().bytes();
            droppedNow++;
        }
        dropped += droppedNow;
        return droppedNow;
    }

    /** Puts flushes back before the oldest, in the order given, even over the bounds; the next add trims. */
    synchronized void putBack(List<FlushText> oldestFirst) {
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            FlushText payload = oldestFirst.get(i);
            flushes.addFirst(payload);
            bytes += payload.bytes();
        }
    }

    /** The oldest flush, left in the queue until {@link #removeOldest}: a write cut half-way keeps it. */
    synchronized FlushText oldest() {
        return flushes.peek();
    }

    synchronized void removeOldest() {
        bytes -= flushes.remove().bytes();
    }

    /** Every waiting flush, oldest first, left in the queue: what a shutdown keeps for the next start. */
    synchronized List<FlushText> all() {
        return new ArrayList<>(flushes);
    }

    synchronized int size() {
        return flushes.size();
    }

    synchronized boolean isEmpty() {
        return flushes.isEmpty();
    }

    /** At either bound: the next flush added drops the oldest. */
    synchronized boolean full() {
        return flushes.size() >= maxFlushes || bytes >= maxBytes;
    }

    /** Flushes dropped since the sink started. */
    synchronized long dropped() {
        return dropped;
    }

    @Override
    public String toString() {
        return maxFlushes + " flushes or " + maxBytes + " bytes";
    }
}
