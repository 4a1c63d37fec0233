package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.Sink;

import java.io.PrintStream;
import java.nio.ByteBuffer;

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
        ByteBuffer bytes = text.of(snapshot);
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        out.write(copy, 0, copy.length);
        out.flush();
    }

    @Override
    public String toString() {
        return "console";
    }
}
