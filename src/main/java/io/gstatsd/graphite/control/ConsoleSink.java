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
        // The flush's buffer is read-only and may be 100+ MB: copied out in small pieces, not whole.
        ByteBuffer bytes = text.of(snapshot);
        byte[] piece = new byte[(int) Math.min(bytes.remaining(), 64 * 1024)];
        while (bytes.hasRemaining()) {
            int length = Math.min(bytes.remaining(), piece.length);
            bytes.get(piece, 0, length);
            out.write(piece, 0, length);
        }
        out.flush();
    }

    @Override
    public String toString() {
        return "console";
    }
}
