package io.gstatsd.aggregate.entity;

/**
 * A set's distinct members over one interval, as 64-bit hashes of their bytes (so {@code hashes.length}
 * is the count; mergeable sketches take the hashes as they are). Not copied: never modify.
 */
public record SetMembers(String name, long[] hashes) {

    public int count() {
        return hashes.length;
    }
}
