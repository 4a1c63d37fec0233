package io.gstatsd.graphite.control;

import io.gstatsd.graphite.entity.FlushText;
import io.gstatsd.vocabulary.control.KeySanitizer;
import io.gstatsd.vocabulary.control.MetricName;
import io.gstatsd.vocabulary.control.PlainNumber;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of one flush, written line by line into chunks of about 4 MiB (see {@link FlushText} for
 * why never one array). Building the text as a String and then encoding it would hold it three times over,
 * which a 1 GiB heap cannot afford, and copying it through builders cost more than working out the figures.
 * <p>
 * A metric's lines share their name: the first line encodes it once into a scratch array, and every line
 * copies those bytes (a timer writes fourteen lines under one name).
 * <p>
 * Not thread-safe: one formatter fills it; {@link #bytes()} then hands out a read-only view.
 */
final class GraphiteBytes {

    /**
     * Small enough that zeroing one holds off a safepoint for milliseconds, not seconds (13 ms here for fresh
     * memory), and big enough to be a humongous object for G1's regions up to 4 MiB (heaps of up to 8-16 GiB),
     * which go straight to the old generation: chunks in the young one were copied at each collection while
     * carbon still had them to read, and 156 MB of them made young pauses of 140-500 ms. 64 bytes short of
     * 4 MiB, so that the array header too fits in whole regions.
     */
    static final int CHUNK_BYTES = (4 << 20) - 64;

    private byte[] timestamp;
    /** Etsy's {@code .<globalSuffix>} after each metric's name and before its tags; empty for none. */
    private final byte[] suffix;
    /** Whether key names are sanitised here (Etsy's {@code keyNameSanitize} off: keys arrive raw). */
    private final boolean sanitizeNames;
    private final List<ByteBuffer> full = new ArrayList<>();
    private byte[] buf;
    private int size;

    private String prefix;
    private String key;
    private int tagsAt;
    /** The current metric's name head ({@code prefix.key}) and tags, encoded at its first line. */
    private final Scratch head = new Scratch(128);
    private final Scratch tags = new Scratch(64);

    /** @param timestamp the text after each value, {@code " <epochSeconds>\n"} */
    GraphiteBytes(long expectedBytes, String timestamp) {
        this(expectedBytes, timestamp, "", false);
    }

    /**
     * @param expectedBytes about how much text is coming: a small flush gets a small first chunk
     * @param suffix        {@code .<globalSuffix>} or ""
     * @param sanitizeNames sanitise the name part of each key (not its tags), as Etsy's backend does when keys
     *                      were not sanitised on arrival
     */
    GraphiteBytes(long expectedBytes, String timestamp, String suffix, boolean sanitizeNames) {
        this.timestamp = timestamp.getBytes(StandardCharsets.US_ASCII);
        this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
        this.sanitizeNames = sanitizeNames;
        buf = new byte[(int) Math.min(Math.max(expectedBytes, 256), CHUNK_BYTES)];
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
        int tagsStart = MetricName.tagsStart(key);
        if (sanitizeNames) {
            key = tagsStart < 0 ? KeySanitizer.sanitize(key)
                    : KeySanitizer.sanitize(key.substring(0, tagsStart)) + key.substring(tagsStart);
            tagsStart = MetricName.tagsStart(key);
        }
        this.prefix = prefix;
        this.key = key;
        this.tagsAt = tagsStart;
        head.length = -1;
        tags.length = -1;
    }

    /** One line of the current metric: {@code prefix.key[.suffix][.globalSuffix][;tags] value timestamp}. */
    void line(String suffix, double value) {
        if (head.length < 0) {
            head.length = 0;
            if (!prefix.isEmpty()) {
                head.utf8(prefix);
                head.put((byte) '.');
            }
            head.utf8(tagsAt < 0 ? key : key.substring(0, tagsAt));
        }
        copy(head.bytes, head.length);
        if (suffix != null) {
            put((byte) '.');
            ascii(suffix);
        }
        if (this.suffix.length > 0) {
            copy(this.suffix, this.suffix.length);
        }
        if (tagsAt >= 0) {
            if (tags.length < 0) {
                tags.length = 0;
                tags.utf8(key.substring(tagsAt));
            }
            copy(tags.bytes, tags.length);
        }
        put((byte) ' ');
        number(value);
        copy(timestamp, timestamp.length);
    }

    /** A line whose name is given whole (the server's own figures). */
    void wholeLine(String name, double value) {
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        copy(encoded, encoded.length);
        put((byte) ' ');
        number(value);
        copy(timestamp, timestamp.length);
    }

    FlushText bytes() {
        List<ByteBuffer> chunks = new ArrayList<>(full.size() + 1);
        chunks.addAll(full);
        chunks.add(ByteBuffer.wrap(buf, 0, size));
        return FlushText.of(chunks);
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

    private void copy(byte[] bytes, int length) {
        ensure(length);
        System.arraycopy(bytes, 0, buf, size, length);
        size += length;
    }

    private void put(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    /** Room for {@code more} bytes in one piece: what does not fit goes on in a new chunk. */
    private void ensure(int more) {
        if (size + more > buf.length) {
            full.add(ByteBuffer.wrap(buf, 0, size));
            buf = new byte[Math.max(CHUNK_BYTES, more)];
            size = 0;
        }
    }

    /** A name's bytes, encoded once for all the lines that repeat them; {@code length} -1 until then. */
    private static final class Scratch {

        byte[] bytes;
        int length = -1;

        Scratch(int capacity) {
            bytes = new byte[capacity];
        }

        void utf8(String text) {
            int length = text.length();
            for (int i = 0; i < length; i++) {
                if (text.charAt(i) >= 0x80) {
                    byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
                    room(encoded.length);
                    System.arraycopy(encoded, 0, bytes, this.length, encoded.length);
                    this.length += encoded.length;
                    return;
                }
            }
            room(length);
            for (int i = 0; i < length; i++) {
                bytes[this.length + i] = (byte) text.charAt(i);
            }
            this.length += length;
        }

        void put(byte b) {
            room(1);
            bytes[length++] = b;
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
            }
        }
    }
}
