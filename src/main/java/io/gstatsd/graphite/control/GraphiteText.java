package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.entity.Snapshot;

import java.nio.ByteBuffer;

/**
 * Formats each snapshot once for all the sinks that write Graphite text, which share its bytes.
 * Thread-safe: the sinks' threads ask for the same snapshot; the first formats, the others wait for it.
 */
public final class GraphiteText {

    private final GraphiteFormatter formatter;
    private Snapshot lastSnapshot;
    private ByteBuffer lastBytes;

    public GraphiteText(GraphiteFormatter formatter) {
        this.formatter = formatter;
    }

    /** The flush's bytes, read-only; each caller gets its own position and limit. */
    public synchronized ByteBuffer of(Snapshot snapshot) {
        if (snapshot != lastSnapshot) {
            lastBytes = formatter.formatBytes(snapshot);
            lastSnapshot = snapshot;
        }
        return lastBytes.duplicate();
    }
}
