package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.graphite.entity.FlushText;

/**
 * Formats each snapshot once for all the sinks that write Graphite text, which share its bytes.
 * Thread-safe: the sinks' threads ask for the same snapshot; the first formats, the others wait for it.
 */
public final class GraphiteText {

    private final GraphiteFormatter formatter;
    private Snapshot lastSnapshot;
    private FlushText lastText;

    public GraphiteText(GraphiteFormatter formatter) {
        this.formatter = formatter;
    }

    /** The flush's text, shared by every caller (it is immutable). */
    public synchronized FlushText of(Snapshot snapshot) {
        if (snapshot != lastSnapshot) {
            lastText = formatter.formatBytes(snapshot);
            lastSnapshot = snapshot;
        }
        return lastText;
    }
}
