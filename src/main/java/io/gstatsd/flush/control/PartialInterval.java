package io.gstatsd.flush.control;

import io.gstatsd.aggregate.entity.KeyActivity;
import io.gstatsd.aggregate.entity.Snapshot;

import java.util.Objects;

/**
 * What a stopping server leaves for the next one: the interval it could not finish, stamped with that
 * interval's end, and when each of its keys was last active.
 */
public record PartialInterval(Snapshot snapshot, KeyActivity activity) {

    public PartialInterval {
        Objects.requireNonNull(snapshot);
        Objects.requireNonNull(activity);
    }

    /** The end of the interval, its Graphite timestamp. */
    public long endMillis() {
        return snapshot.epochMillis();
    }
}
