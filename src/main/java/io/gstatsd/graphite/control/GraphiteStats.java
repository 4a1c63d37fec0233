package io.gstatsd.graphite.control;

import io.gstatsd.flush.control.Sink;
import io.gstatsd.flush.control.SinkTelemetry;
import io.gstatsd.vocabulary.control.EpochSeconds;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;

/**
 * Etsy's per-backend figures, {@code <prefix>.graphiteStats.*}, sent after each delivery with the delivery's
 * own timestamp: when an attempt last failed and a delivery last ended (epoch seconds), how long the last
 * flush took to write and how many bytes it was, and how many flushes the queue has dropped.
 * <p>
 * Written by the sink's worker only; {@link #status} and {@link #telemetry} may read the figures from any thread
 * (they are volatile, written once per delivery).
 */
final class GraphiteStats {

    private final String prefix;
    private final String suffix;
    private final Clock clock;
    private volatile long lastException;
    private volatile long lastFlush;
    private volatile long flushTimeMillis;
    private volatile long flushLength;
    // since start-up, for the telemetry endpoint; written by the worker only
    private volatile long failures;
    private volatile long bytesWritten;
    private volatile long writeNanos;

    GraphiteStats(String prefix, Clock clock) {
        this(prefix, "", clock);
    }

    /** @param suffix Etsy's {@code .<globalSuffix>} after each name, or "" */
    GraphiteStats(String prefix, String suffix, Clock clock) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.suffix = Objects.requireNonNull(suffix, "suffix");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lastFlush = EpochSeconds.of(clock.millis());
    }

    void failed() {
        lastException = EpochSeconds.of(clock.millis());
        failures++;
    }

    void wrote(long writeNanos, long bytes) {
        flushTimeMillis = writeNanos / 1_000_000;
        flushLength = bytes;
        this.writeNanos = writeNanos;
        bytesWritten += bytes;
    }

    /** The figures since start-up, with the queue's. */
    SinkTelemetry telemetry(int queueDepth, long droppedFlushes) {
        return new SinkTelemetry(bytesWritten, failures, queueDepth, droppedFlushes, writeNanos / 1e9);
    }

    void delivered() {
        lastFlush = EpochSeconds.of(clock.millis());
    }

    /** Etsy's graphite backend's status, in its order: last_flush, last_exception, flush_time, flush_length. */
    void status(Sink.StatusWriter out) {
        out.write("graphite", "last_flush", lastFlush);
        out.write("graphite", "last_exception", lastException);
        out.write("graphite", "flush_time", flushTimeMillis);
        out.write("graphite", "flush_length", flushLength);
    }

    ByteBuffer lines(long droppedFlushes) {
        String ts = " " + EpochSeconds.of(clock.millis()) + "\n";
        String text = name("last_exception") + lastException + ts
                + name("last_flush") + lastFlush + ts
                + name("flush_time") + flushTimeMillis + ts
                + name("flush_length") + flushLength + ts
                + name("dropped_flushes") + droppedFlushes + ts;
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private String name(String figure) {
        return prefix + ".graphiteStats." + figure + suffix + " ";
    }
}
