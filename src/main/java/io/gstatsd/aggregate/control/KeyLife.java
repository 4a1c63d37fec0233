package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.KeyActivity;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;

/**
 * When the keys of one metric type are forgotten: a key idle for {@code deleteAfterIdleIntervals} intervals
 * in a row (Etsy's {@code deleteCounters} and the like: one; {@code gaugesMaxTTL} for gauges; 0: never), or
 * idle for {@code ttlMillis} (0: never), is retired at the end of that interval (no longer flushed) and its
 * id released at the end of the next one, unless it came back meanwhile (see {@link KeyRegistry}). A key
 * for which {@code keptWhenIdle} holds is never deleted for being idle (Etsy keeps counters named like its
 * own), though the TTL still applies. Activity is what the drain merged: a key written in the interval is
 * active at the interval's end.
 * <p>
 * Not thread-safe: only the drain (serialised by {@link Aggregation}) uses it.
 */
final class KeyLife {

    private final KeyRegistry registry;
    private final int deleteAfterIdleIntervals;
    private final long ttlMillis;
    private final IntPredicate keptWhenIdle;
    /** The end of the last interval each id was active in; 0 for a free id or one no drain has seen yet. */
    private long[] lastActive = new long[256];
    /** How many intervals in a row each id has been idle. */
    private int[] idleIntervals = new int[256];
    /** The ids retired by the previous drain, to release now. */
    private int[] retired = new int[0];

    KeyLife(KeyRegistry registry, boolean deleteIdle, long ttlMillis) {
        this(registry, deleteIdle ? 1 : 0, ttlMillis, id -> false);
    }

    /** @param keptWhenIdle asked with an idle id before it is deleted for being idle */
    KeyLife(KeyRegistry registry, int deleteAfterIdleIntervals, long ttlMillis, IntPredicate keptWhenIdle) {
        if (ttlMillis < 0) {
            throw new IllegalArgumentException("ttlMillis must be >= 0, got " + ttlMillis);
        }
        if (deleteAfterIdleIntervals < 0) {
            throw new IllegalArgumentException("deleteAfterIdleIntervals must be >= 0, got " + deleteAfterIdleIntervals);
        }
        this.registry = registry;
        this.deleteAfterIdleIntervals = deleteAfterIdleIntervals;
        this.ttlMillis = ttlMillis;
        this.keptWhenIdle = keptWhenIdle;
    }

    /**
     * Ends an interval: releases last drain's retired ids that stayed away (telling {@code released}), then
     * retires the keys idle too long.
     *
     * @param touched whether an id was written in the interval
     * @return the ids retired now, for every receiver to drop from its key tables
     */
    int[] endInterval(IntPredicate touched, long nowMillis, IntConsumer released) {
        int size = registry.size();
        if (lastActive.length < size) {
            lastActive = Arrays.copyOf(lastActive, Math.max(size, lastActive.length * 2));
            idleIntervals = Arrays.copyOf(idleIntervals, lastActive.length);
        }
        for (int id : retired) {
            if (touched.test(id)) {
                registry.keep(id);
            } else if (registry.releaseUnlessRevived(id)) {
                lastActive[id] = 0;
                idleIntervals[id] = 0;
                released.accept(id);
            } else {
                lastActive[id] = nowMillis;   // looked up again: its lines are on their way
                idleIntervals[id] = 0;
            }
        }
        int[] retiring = new int[16];
        int count = 0;
        for (int id = 0; id < size; id++) {
            if (touched.test(id)) {
                lastActive[id] = nowMillis;
                idleIntervals[id] = 0;
            } else if (lastActive[id] != 0 && (idleTooLong(id) || ttlMillis > 0 && nowMillis - lastActive[id] >= ttlMillis)) {
                if (count == retiring.length) {
                    retiring = Arrays.copyOf(retiring, count * 2);
                }
                retiring[count++] = id;
            }
        }
        retired = Arrays.copyOf(retiring, count);
        registry.markRetiring(retired);
        if (deleteAfterIdleIntervals == 1) {
            registry.givePlacesBack();
        }
        return retired;
    }

    /** The keys alive and not retiring, with when each was last active: saved at shutdown. */
    KeyActivity.KeyTimes activity() {
        String[] names = registry.names();
        String[] live = new String[names.length];
        long[] times = new long[names.length];
        int count = 0;
        for (int id = 0; id < names.length; id++) {
            if (names[id] != null) {
                live[count] = names[id];
                times[count++] = lastActive(id);
            }
        }
        return new KeyActivity.KeyTimes(Arrays.copyOf(live, count), Arrays.copyOf(times, count));
    }

    /** The end of the last interval the id was active in; 0 when none yet. */
    long lastActive(int id) {
        return id < lastActive.length ? lastActive[id] : 0;
    }

    /** A key carried over from a previous process keeps the idle time it had there. */
    void restore(int id, long lastActiveMillis) {
        if (id >= lastActive.length) {
            // both arrays, as endInterval grows them only when lastActive is short
            lastActive = Arrays.copyOf(lastActive, Math.max(id + 1, lastActive.length * 2));
            idleIntervals = Arrays.copyOf(idleIntervals, lastActive.length);
        }
        lastActive[id] = lastActiveMillis;
    }

    /**
     * Retires keys now, on an operator's request (Etsy's {@code delcounters} and the like): no longer flushed,
     * and released at the end of the next drain unless written again meanwhile. The caller tells the receivers.
     */
    void retireNow(int[] ids) {
        int[] all = Arrays.copyOf(retired, retired.length + ids.length);
        System.arraycopy(ids, 0, all, retired.length, ids.length);
        retired = all;
        registry.markRetiring(ids);
    }

    private boolean idleTooLong(int id) {
        if (deleteAfterIdleIntervals == 0) {
            return false;
        }
        idleIntervals[id]++;
        return idleIntervals[id] >= deleteAfterIdleIntervals && !keptWhenIdle.test(id);
    }
}
