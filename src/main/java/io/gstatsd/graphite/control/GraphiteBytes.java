package io.gstatsd.graphite.control;

import io.gstatsd.vocabulary.control.KeySanitizer;
import io.gstatsd.vocabulary.control.MetricName;
import io.gstatsd.vocabulary.control.PlainNumber;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one flush, written line by line straight into one array. A flush of a million keys is
 * 100-200 MB of text; building it as a String and then encoding it would hold it three times over, which a
 * 1 GiB heap cannot afford, and copying it through builders cost more than working out the figures.
 * <p>
 * A metric's lines share their name: the first line encodes it, later lines copy those bytes from the
 * array (a timer writes fourteen lines under one name).
 * <p>
 * Not thread-safe: one formatter fills it; {@link #bytes()} then hands out a read-only view.
 */
final class GraphiteBytes {

    private byte[] timestamp;
    /** Etsy's {@code .<globalSuffix>} after each metric's name and before its tags; empty for none. */
    private final byte[] suffix;
    /** Whether key names are sanitised here (Etsy's {@code keyNameSanitize} off: keys arrive raw). */
    private final boolean sanitizeNames;
    private byte[] buf;
    private int size;

    private String prefix;
    private String key;
    private int tagsAt;
    /** Where the current metric's name head ({@code prefix.key}) and tags were first written; -1 before. */
    private int headStart = -1;
    private int headEnd;
    private int tagsStart;
    private int tagsEnd;

    /** @param timestamp the text after each value, {@code " <epochSeconds>\n"} */
    GraphiteBytes(long expectedBytes, String timestamp) {
        this(expectedBytes, timestamp, "", false);
    }

    /**
     * @param suffix        {@code .<globalSuffix>} or ""
     * @param sanitizeNames sanitise the name part of each key (not its tags), as Etsy's backend does when keys
     *                      were not sanitised on arrival
     */
    GraphiteBytes(long expectedBytes, String timestamp, String suffix, boolean sanitizeNames) {
        this.timestamp = timestamp.getBytes(StandardCharsets.US_ASCII);
        this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
        this.sanitizeNames = sanitizeNames;
        buf = new byte[(int) Math.min(Math.max(expectedBytes, 256), Integer.MAX_VALUE - 16)];
    }

    /** The second written after each value from now on (client-stamped points have their own). */
    void timestamp(long epochSeconds) {
        timestamp = (" " + epochSeconds + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Starts the lines of one metric named {@code prefix.key} (just {@code key} for an empty prefix), where a
     * key's tags start at its first ';'.
     */
    void metric(String prefix, String key) {
        int tags = MetricName.tagsStart(key);
        if (sanitizeNames) {
            key = tags < 0 ? KeySanitizer.sanitize(key) : KeySanitizer.sanitize(key.substring(0, tags)) + key.substring(tags);
            tags = MetricName.tagsStart(key);
        }
        this.prefix = prefix;
        this.key = key;
        this.tagsAt = tags;
        this.headStart = -1;
        this.tagsStart = -1;
    }

    /** One line of the current metric: {@code prefix.key[.suffix][.globalSuffix][;tags] value timestamp}. */
    void line(String suffix, double value) {
        if (headStart < 0) {
            headStart = size;
            if (!prefix.isEmpty()) {
                utf8(prefix);
                put((byte) '.');
            }
            utf8(tagsAt < 0 ? key : key.substring(0, tagsAt));
            headEnd = size;
        } else {
            copyWithin(headStart, headEnd);
        }
        if (suffix != null) {
            put((byte) '.');
            ascii(suffix);
        }
        if (this.suffix.length > 0) {
            copy(this.suffix);
        }
        if (tagsAt >= 0) {
            if (tagsStart < 0) {
                tagsStart = size;
                utf8(key.substring(tagsAt));
                tagsEnd = size;
            } else {
                copyWithin(tagsStart, tagsEnd);
            }
        }
        put((byte) ' ');
        number(value);
        copy(timestamp);
    }

    /** A line whose name is given whole (the server's own figures). */
    void wholeLine(String name, double value) {
        utf8(name);
        put((byte) ' ');
        number(value);
        copy(timestamp);
    }

    ByteBuffer bytes() {
        return ByteBuffer.wrap(buf, 0, size).slice().asReadOnlyBuffer();
    }

    private void number(double value) {
        ensure(PlainNumber.MAX_FAST_BYTES);
        int end = PlainNumber.writeFast(value, buf, size);
        if (end >= 0) {
            size = end;
        } else {
            ascii(PlainNumber.fallback(value));
        }
    }

    private void ascii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            buf[size + i] = (byte) text.charAt(i);
        }
        size += length;
    }

    private void utf8(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) >= 0x80) {
                copy(text.getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        ascii(text);
    }

    private void copy(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    private void copyWithin(int from, int to) {
        int length = to - from;
        ensure(length);
        System.arraycopy(buf, from, buf, size, length);
        size += length;
    }

    private void put(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long grown = Math.max(size + (long) more, buf.length + (buf.length >> 1));
            if (grown > Integer.MAX_VALUE - 16) {
                throw new OutOfMemoryError("a flush of over 2 GiB of Graphite text");
            }
            buf = Arrays.copyOf(buf, (int) grown);
        }
    }
}
