package io.gstatsd.graphite.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one flush, built from small text chunks. A flush of a million keys is 100-200 MB of text;
 * building it as one String and then encoding it would hold it three times over (builder, String, bytes),
 * which is what a 1 GiB heap cannot afford. Here only the growing array and one small chunk are live.
 * <p>
 * Not thread-safe: one formatter fills it; {@link #bytes()} then hands out a read-only view.
 */
final class GraphiteBytes {

    private byte[] buf;
    private int size;

    GraphiteBytes(long expectedBytes) {
        buf = new byte[(int) Math.min(Math.max(expectedBytes, 256), Integer.MAX_VALUE - 16)];
    }

    /** Appends the chunk's text as UTF-8 and empties the chunk. */
    void drain(StringBuilder chunk) {
        byte[] encoded = chunk.toString().getBytes(StandardCharsets.UTF_8);
        if (size + encoded.length > buf.length) {
            long grown = Math.max(size + (long) encoded.length, buf.length + (buf.length >> 1));
            buf = Arrays.copyOf(buf, (int) Math.min(grown, Integer.MAX_VALUE - 16));
        }
        System.arraycopy(encoded, 0, buf, size, encoded.length);
        size += encoded.length;
        chunk.setLength(0);
    }

    ByteBuffer bytes() {
        return ByteBuffer.wrap(buf, 0, size).slice().asReadOnlyBuffer();
    }
}
