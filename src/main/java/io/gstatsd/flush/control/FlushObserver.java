package io.gstatsd.flush.control;

import io.gstatsd.aggregate.entity.Snapshot;

/**
 * Told after every timed flush, on the flush thread, once the sinks have been handed the snapshot: the
 * telemetry keeps its counters in step here, so nothing is added to the receive path. Must return at once.
 */
@FunctionalInterface
public interface FlushObserver {

    /** @param flushNanos how long the flush took: the merge of the receivers' shards and the hand-over to the sinks */
    void flushed(Snapshot snapshot, long flushNanos);
}
