package io.gstatsd.load.entity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The keys seen over some minutes, sorted, each with the kinds it was seen as: the rows the live page can
 * show, found by prefix with a binary search. Built by merging sorted arrays (linear, no tree of a million
 * nodes per flush). Immutable.
 */
public final class KeyIndex {

    public static final KeyIndex EMPTY = new KeyIndex(new String[0], new byte[0]);

    private final String[] keys;
    /** Bit {@code kind.ordinal()} is set for each kind the key was seen as. */
    private final byte[] kinds;

    private KeyIndex(String[] keys, byte[] kinds) {
        this.keys = keys;
        this.kinds = kinds;
    }

    /** The keys of one minute, of every kind. */
    public static KeyIndex of(MinuteValues minute) {
        KeyIndex index = EMPTY;
        for (MetricKind kind : MetricKind.values()) {
            String[] keys = minute.keys(kind);
            byte[] bits = new byte[keys.length];
            Arrays.fill(bits, (byte) (1 << kind.ordinal()));
            index = index.merge(new KeyIndex(keys, bits));
        }
        return index;
    }

    /** The keys of both, each with the kinds of both. */
    public KeyIndex merge(KeyIndex other) {
        if (other.keys.length == 0) {
            return this;
        }
        if (keys.length == 0) {
            return other;
        }
        String[] mergedKeys = new String[keys.length + other.keys.length];
        byte[] mergedKinds = new byte[mergedKeys.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < keys.length || j < other.keys.length) {
            int order = i == keys.length ? 1 : j == other.keys.length ? -1 : keys[i].compareTo(other.keys[j]);
            mergedKeys[n] = order <= 0 ? keys[i] : other.keys[j];
            mergedKinds[n] = (byte) ((order <= 0 ? kinds[i++] : 0) | (order >= 0 ? other.kinds[j++] : 0));
            n++;
        }
        return new KeyIndex(Arrays.copyOf(mergedKeys, n), Arrays.copyOf(mergedKinds, n));
    }

    /** How many keys start with {@code start} (all for an empty one). */
    public int countStartingWith(String start) {
        return end(start) - begin(start);
    }

    /** The (key, kind) rows of the keys that start with {@code start}, in key order, then kind order. */
    public List<Row> rowsStartingWith(String start, int limit) {
        List<Row> rows = new ArrayList<>(Math.min(limit, 64));
        for (int at = begin(start), end = end(start); at < end && rows.size() < limit; at++) {
            for (MetricKind kind : MetricKind.values()) {
                if ((kinds[at] & (1 << kind.ordinal())) != 0 && rows.size() < limit) {
                    rows.add(new Row(keys[at], kind));
                }
            }
        }
        return rows;
    }

    /** A key as one kind: a key that is both a counter and a timer is two rows. */
    public record Row(String key, MetricKind kind) {
    }

    private int begin(String start) {
        int at = Arrays.binarySearch(keys, start);
        return at >= 0 ? at : -at - 1;
    }

    /** Keys starting with {@code start} sort before {@code start} followed by the highest char. */
    private int end(String start) {
        if (start.isEmpty()) {
            return keys.length;
        }
        int at = Arrays.binarySearch(keys, start + Character.MAX_VALUE);
        return at >= 0 ? at : -at - 1;
    }
}
