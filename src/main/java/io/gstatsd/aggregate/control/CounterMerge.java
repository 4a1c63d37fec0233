package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.CounterValue;

import java.util.Arrays;
import java.util.List;

/**
 * Sums one interval's counters over every receiver's shard, by key id. Belongs to one interval: created by
 * a drain, fed every shard the next drain swaps out (and any an admin command collects earlier), read once
 * it ends; the registry's size is read per shard, after the swap, so it covers every id. Used under the
 * {@link Aggregation}'s lock only.
 */
final class CounterMerge {

    private final KeyRegistry registry;
    private double[] totals = new double[0];
    private boolean[] touched = new boolean[0];

    CounterMerge(KeyRegistry registry) {
        this.registry = registry;
    }

    void add(Shard shard) {
        int n = registry.size();
        if (totals.length < n) {
            totals = Arrays.copyOf(totals, n);
            touched = Arrays.copyOf(touched, n);
        }
        for (int i = 0; i < shard.countersTouched.size(); i++) {
            int id = shard.countersTouched.get(i);
            totals[id] += shard.counterValues[id];
            touched[id] = true;
        }
    }

    boolean touched(int id) {
        return id < touched.length && touched[id];
    }

    double valueOf(int id) {
        return touched(id) ? totals[id] : 0;
    }

    /** Drops what the interval gathered for a deleted key. */
    void forget(int id) {
        if (id < touched.length) {
            touched[id] = false;
            totals[id] = 0;
        }
    }

    /**
     * Etsy never deletes a counter whose name contains one of its own counters' names (it only sets them to 0):
     * a user's {@code app.packets_received} stays too.
     */
    static boolean keptWhenIdle(String name) {
        return name != null && (name.contains("packets_received") || name.contains("metrics_received")
                || name.contains("bad_lines_seen"));
    }

    /** Every counter key, an idle one as 0 (Etsy's default) or not at all with {@code deleteIdle}. */
    void addTo(List<CounterValue> out, boolean deleteIdle) {
        String[] names = registry.names();
        for (int id = 0; id < names.length; id++) {
            if (names[id] == null) {
                continue;
            }
            boolean active = id < touched.length && touched[id];
            if (active || !deleteIdle || keptWhenIdle(names[id])) {
                out.add(new CounterValue(names[id], active ? totals[id] : 0));
            }
        }
    }
}
