package io.gstatsd.cluster.control;

import io.gstatsd.aggregate.entity.Snapshot;

import java.util.Objects;

/**
 * What one member sends another for one interval: its part of the keys the other owns (possibly none,
 * which still tells the owner not to wait for this member).
 *
 * @param from     the sending member
 * @param snapshot the part; its {@code epochMillis} is the interval's end
 * @param view     not a part to merge but what the sender published, for the others' cluster-wide sinks
 */
record Partial(String from, Snapshot snapshot, boolean view) {

    Partial(String from, Snapshot snapshot) {
        this(from, snapshot, false);
    }

    Partial {
        Objects.requireNonNull(from);
        Objects.requireNonNull(snapshot);
    }

    long endMillis() {
        return snapshot.epochMillis();
    }
}
