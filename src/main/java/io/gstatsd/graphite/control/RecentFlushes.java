package io.gstatsd.graphite.control;

import io.gstatsd.graphite.entity.FlushText;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last flushes delivered, kept to be sent again when an outage starts: plaintext has no acknowledgement,
 * so a carbon that stops right after accepting a flush loses it while the write looked successful. At most
 * {@code maxFlushes}, within {@code maxBytes}: a flush too big for that is not kept (the queue's memory, not
 * the redelivery, is what the operator sized).
 * <p>
 * Not thread-safe: the sink's worker only.
 */
final class RecentFlushes {

    private final int maxFlushes;
    private final long maxBytes;
    private final ArrayDeque<FlushText> flushes = new ArrayDeque<>();
    private long bytes;

    RecentFlushes(int maxFlushes, long maxBytes) {
        if (maxFlushes < 0 || maxBytes < 1) {
            throw new IllegalArgumentException("need maxFlushes >= 0 and maxBytes >= 1, got " + maxFlushes
                    + " and " + maxBytes);
        }
        this.maxFlushes = maxFlushes;
        this.maxBytes = maxBytes;
    }

    void remember(FlushText payload) {
        if (maxFlushes == 0) {
            return;
        }
        flushes.addLast(payload);
        bytes += payload.bytes();
        while (flushes.size() > maxFlushes || bytes > maxBytes) {
            bytes -= flushes.removeFirst().bytes();
        }
    }

    /** The kept flushes, oldest first; they are forgotten here. */
    List<FlushText> takeAll() {
        List<FlushText> all = new ArrayList<>(flushes);
        flushes.clear();
        bytes = 0;
        return all;
    }
}
