package io.gstatsd.cluster.control;

import io.gstatsd.aggregate.entity.Snapshot;

import java.util.Objects;

/**
 * What one member sends another for one interval: its part of the keys the other owns (possibly none,
 * which still tells the owner not to wait for this member).
 *
 * @param from     the sending member
 * @param snapshot the part; its {@code epochMillis} is the interval's end
 */
record Partial(String from, Snapshot snapshot) {

    Partial {
        Objects.requireNonNull(from);
        Objects.requireNonNull(snapshot);
    }

    long endMillis() {
        return snapshot.epochMillis();
    }
}
