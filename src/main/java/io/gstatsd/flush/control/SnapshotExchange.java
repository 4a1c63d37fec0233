package io.gstatsd.flush.control;

import io.gstatsd.aggregate.entity.Snapshot;

import java.util.function.Consumer;

/**
 * Between the aggregation and the sinks: what the members of a cluster do with an interval before it is
 * flushed. A single server publishes its own snapshot as it is ({@link #NONE}).
 */
public interface SnapshotExchange {

    SnapshotExchange NONE = new SnapshotExchange() {
        @Override
        public Snapshot exchange(Snapshot local) {
            return local;
        }

        @Override
        public boolean handOver(Snapshot partial) {
            return false;
        }
    };

    /** The snapshot this server publishes for the interval that {@code local} ended. May wait for other servers. */
    Snapshot exchange(Snapshot local);

    /**
     * At shutdown: gives the partial interval to other servers, which flush it with theirs.
     *
     * @return false when no other server took it (the caller saves or flushes it itself)
     */
    boolean handOver(Snapshot partial);

    /**
     * For sinks that answer for the whole cluster ({@link Sink#clusterWide}): every snapshot another member
     * publishes goes to {@code consumer} as well. A single server has no others.
     */
    default void shareViews(Consumer<Snapshot> consumer) {
    }
}
