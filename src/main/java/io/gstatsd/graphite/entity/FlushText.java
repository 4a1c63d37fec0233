package io.gstatsd.graphite.entity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One flush's Graphite text, as pieces of a few MB rather than one array: a flush of a million keys is
 * 100-200 MB, and the JVM zeroes a new array, or copies a growing one, in a single call during which no
 * safepoint can start; every other thread, the UDP receivers among them, waits for it once the next collection
 * asks for one (1.3-1.5 s for a 250 MB array on this machine, and the kernel drops what arrives).
 * <p>
 * Immutable: the pieces are read-only and each {@link #chunks()} call hands out its own positions.
 */
public final class FlushText {

    private final List<ByteBuffer> chunks;
    private final long bytes;

    private FlushText(List<ByteBuffer> chunks) {
        long total = 0;
        for (ByteBuffer chunk : chunks) {
            total += chunk.remaining();
        }
        this.chunks = chunks;
        this.bytes = total;
    }

    /** @param chunks the text in order, each read from its position to its limit */
    public static FlushText of(List<ByteBuffer> chunks) {
        List<ByteBuffer> own = new ArrayList<>(chunks.size());
        for (ByteBuffer chunk : chunks) {
            own.add(chunk.slice().asReadOnlyBuffer());
        }
        return new FlushText(List.copyOf(own));
    }

    /** The text from the buffer's position to its limit, in one piece (a flush read back from a file). */
    public static FlushText of(ByteBuffer text) {
        return of(List.of(text));
    }

    public static FlushText of(String text) {
        return of(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    public long bytes() {
        return bytes;
    }

    /** The pieces in order, each positioned at its start, for this caller alone. */
    public List<ByteBuffer> chunks() {
        List<ByteBuffer> fresh = new ArrayList<>(chunks.size());
        for (ByteBuffer chunk : chunks) {
            fresh.add(chunk.duplicate());
        }
        return fresh;
    }

    /** The whole text; for tests and small flushes, since it is one String. */
    public String utf8() {
        ByteBuffer whole = ByteBuffer.allocate(Math.toIntExact(bytes));
        for (ByteBuffer chunk : chunks) {
            whole.put(chunk.duplicate());
        }
        return new String(whole.array(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return bytes + " bytes in " + chunks.size() + " chunks";
    }
}
