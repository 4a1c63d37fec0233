package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.Sink;

import java.io.PrintStream;

/** With no Graphite configured, prints each flush as Graphite would receive it, so a newcomer sees it work. */
public final class ConsoleSink implements Sink {

    private final GraphiteText text;
    private final PrintStream out;

    public ConsoleSink(GraphiteText text, PrintStream out) {
        this.text = text;
        this.out = out;
    }

    @Override
    public void publish(Snapshot snapshot) {
        out.print(text.of(snapshot));
        out.flush();
    }

    @Override
    public String toString() {
        return "console";
    }
}
