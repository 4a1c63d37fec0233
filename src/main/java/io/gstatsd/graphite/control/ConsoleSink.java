package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.graphite.entity.FlushText;

import java.io.PrintStream;
import java.nio.ByteBuffer;

/** With no Graphite configured, prints each flush as Graphite would receive it, so a newcomer sees it work. */
public final class ConsoleSink implements Sink {

    private final GraphiteText text;
    private final PrintStream out;
    private final long startedSeconds;

    public ConsoleSink(GraphiteText text, PrintStream out) {
        this(text, out, 0);
    }

    /** @param startedSeconds the start-up time, which Etsy's console backend reports as its last flush and exception */
    public ConsoleSink(GraphiteText text, PrintStream out, long startedSeconds) {
        this.text = text;
        this.out = out;
        this.startedSeconds = startedSeconds;
    }

    @Override
    public void status(StatusWriter status) {
        // Etsy's console backend sets both at start-up and never again
        status.write("console", "lastFlush", startedSeconds);
        status.write("console", "lastException", startedSeconds);
    }

    @Override
    public void publish(Snapshot snapshot) {
        // The flush's chunks are read-only and may add up to 100+ MB: copied out in small pieces, not whole.
        FlushText flush = text.of(snapshot);
        byte[] piece = new byte[(int) Math.min(flush.bytes(), 64 * 1024)];
        for (ByteBuffer bytes : flush.chunks()) {
            while (bytes.hasRemaining()) {
                int length = Math.min(bytes.remaining(), piece.length);
                bytes.get(piece, 0, length);
                out.write(piece, 0, length);
            }
        }
        out.flush();
    }

    @Override
    public String toString() {
        return "console";
    }
}
