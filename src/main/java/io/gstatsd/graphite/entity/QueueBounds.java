package io.gstatsd.graphite.entity;

/**
 * How much a Graphite sink holds for carbon: undelivered flushes up to {@code flushes} or {@code bytes},
 * whichever is reached first, and the last {@code redeliverFlushes} delivered ones, within the same bytes, to
 * send again when an outage starts (0: none).
 */
public record QueueBounds(int flushes, long bytes, int redeliverFlushes) {

    public QueueBounds {
        if (flushes < 1) {
            throw new IllegalArgumentException("flushes must be >= 1, got " + flushes);
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("bytes must be >= 1, got " + bytes);
        }
        if (redeliverFlushes < 0) {
            throw new IllegalArgumentException("redeliverFlushes must be >= 0, got " + redeliverFlushes);
        }
    }
}
