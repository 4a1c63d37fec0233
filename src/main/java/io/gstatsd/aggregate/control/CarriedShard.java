package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.TimerSamples;

import java.util.Set;

/**
 * Writes the last snapshot of a previous process into a shard, for the next drain to merge like a
 * receiver's. Keys are registered in the key registries by their final names, not through the raw-key
 * tables: the prefix was added when each key was first received and must not be added twice. Every key
 * becomes known again, so an idle key keeps being flushed and a gauge keeps its value; the counts, samples
 * and members are added only when the snapshot's interval is the one in progress (otherwise it is flushed
 * on its own). The server's own statsd.* figures are left out: they describe the process that ended, and
 * this one reports its own. Keys beyond max-keys are dropped, as new keys from the wire would be.
 * <p>
 * Single-threaded: used once, under the aggregation's lock, before the shard is handed to a drain.
 */
final class CarriedShard {

    private static final Set<String> OWN_COUNTERS = Set.of(ServerCounters.BAD_LINES_SEEN,
            ServerCounters.PACKETS_RECEIVED, ServerCounters.METRICS_RECEIVED, ServerCounters.KEYS_OVER_LIMIT,
            ServerCounters.KERNEL_DROPS);
    private static final Set<String> OWN_GAUGES = Set.of(ServerCounters.TIMESTAMP_LAG);

    private final KeyRegistries registries;
    private final boolean deleteIdle;
    private final Shard shard;
    private int keys;

    CarriedShard(KeyRegistries registries, boolean deleteIdle, Shard shard) {
        this.registries = registries;
        this.deleteIdle = deleteIdle;
        this.shard = shard;
    }

    /** @return how many keys were carried over */
    int write(Snapshot previous, boolean intoThisInterval) {
        for (CounterValue counter : previous.counters()) {
            int id = OWN_COUNTERS.contains(counter.name()) ? -1 : register(registries.counters(), counter.name());
            if (id >= 0 && intoThisInterval) {
                shard.addCounter(id, counter.value());
            }
        }
        for (TimerSamples timer : previous.timers()) {
            int id = register(registries.timers(), timer.name());
            if (id >= 0 && intoThisInterval && !timer.idle()) {
                shard.timerSamples(id).addAll(timer.sortedValues(), timer.weightedCount());
            }
        }
        for (SetMembers set : previous.sets()) {
            int id = register(registries.sets(), set.name());
            if (id >= 0 && intoThisInterval && set.count() > 0) {
                MemberSet members = shard.setMembers(id);
                for (long hash : set.hashes()) {
                    members.add(hash);
                }
            }
        }
        for (GaugeValue gauge : previous.gauges()) {
            int id = OWN_GAUGES.contains(gauge.name()) ? -1 : register(registries.gauges(), gauge.name());
            // Set in the interval in progress: with delete-idle, a gauge the previous process flushed was
            // active; flushed on its own, its interval is over and this one has not touched it yet.
            if (id >= 0 && (intoThisInterval || !deleteIdle)) {
                shard.gauge(id, gauge.value(), false);
            }
        }
        return keys;
    }

    private int register(KeyRegistry registry, String name) {
        int id = registry.idOf(name);
        if (id >= 0) {
            keys++;
        }
        return id;
    }
}
