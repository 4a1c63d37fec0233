package io.gstatsd.flush.control;

import io.gstatsd.aggregate.entity.Snapshot;

import java.time.Duration;

/**
 * Where a flush goes. {@link #publish} is called from the flush thread and must return at once: a sink
 * that talks to a network does so on its own thread, so that a slow sink never delays the others, the next
 * flush or the receive path.
 */
public interface Sink {

    /** Receives a sink's own figures: Etsy's backend name ({@code graphite}), the figure, its value. */
    @FunctionalInterface
    interface StatusWriter {
        void write(String backend, String figure, long value);
    }

    void publish(Snapshot snapshot);

    /**
     * Whether the sink keeps up: it took the last flush, or what it could not deliver yet still fits its
     * queue. False means flushes are being dropped. Read from any thread.
     */
    default boolean keepingUp() {
        return true;
    }

    /**
     * Writes the sink's own figures, as an Etsy backend answers the admin interface's {@code stats}; from any
     * thread, without blocking. None by default.
     */
    default void status(StatusWriter out) {
    }

    /**
     * Whether the sink answers for a whole cluster (the load sink): it then takes, besides this server's
     * snapshots, those the other members publish, each for the keys that member owns. False by default: a
     * Graphite sink writes this member's keys only, so each key is written once.
     */
    default boolean clusterWide() {
        return false;
    }

    /** The sink's own figures for the telemetry endpoint; from any thread, without blocking. None by default. */
    default SinkTelemetry telemetry() {
        return SinkTelemetry.NONE;
    }

    /** Delivers what is pending for at most {@code timeout}, then releases the sink's resources. */
    default void close(Duration timeout) {
    }
}
