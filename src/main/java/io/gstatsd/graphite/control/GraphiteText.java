package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.entity.Snapshot;

/**
 * Formats each snapshot once for all the sinks that write Graphite text.
 * Thread-safe: the sinks' threads ask for the same snapshot; the first formats, the others wait for it.
 */
public final class GraphiteText {

    private final GraphiteFormatter formatter;
    private Snapshot lastSnapshot;
    private String lastText;

    public GraphiteText(GraphiteFormatter formatter) {
        this.formatter = formatter;
    }

    public synchronized String of(Snapshot snapshot) {
        if (snapshot != lastSnapshot) {
            lastText = formatter.format(snapshot);
            lastSnapshot = snapshot;
        }
        return lastText;
    }
}
