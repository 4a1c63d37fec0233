package io.gstatsd.flush.control;

import io.gstatsd.aggregate.entity.Snapshot;

import java.time.Duration;

/**
 * Where a flush goes. {@link #publish} is called from the flush thread and must return at once: a sink
 * that talks to a network does so on its own thread, so that a slow sink never delays the others, the next
 * flush or the receive path.
 */
public interface Sink {

    void publish(Snapshot snapshot);

    /** Delivers what is pending for at most {@code timeout}, then releases the sink's resources. */
    default void close(Duration timeout) {
    }
}
