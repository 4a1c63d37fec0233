package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.KeyActivity;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.StampedMetrics;
import io.gstatsd.aggregate.entity.TimerSamples;

import java.util.Set;

/**
 * Takes over the last snapshot of a previous process. Keys are registered in the key registries by their
 * final names, not through the raw-key tables: the prefix was added when each key was first received and
 * must not be added twice. Every key becomes known again with the time it was last active there, so an idle
 * key keeps being flushed, and is forgotten after {@code key-ttl} as if the server had not stopped; a gauge
 * keeps its value. The counts, samples, members and gauge settings of the keys active in the snapshot, and
 * the points clients stamped with their own second, go into a shard for the next drain only when the
 * snapshot's interval is the one in progress (otherwise it is flushed on its own). The server's own statsd.*
 * figures are left out: they describe the process that ended, and this one reports its own. Keys beyond
 * max-keys are dropped, as new keys from the wire would be.
 * <p>
 * Single-threaded: used under the aggregation's lock, before the shard is handed to a drain.
 */
final class CarriedShard {

    private static final Set<String> OWN_COUNTERS = Set.of(ServerCounters.BAD_LINES_SEEN,
            ServerCounters.PACKETS_RECEIVED, ServerCounters.METRICS_RECEIVED, ServerCounters.KEYS_OVER_LIMIT,
            ServerCounters.KERNEL_DROPS, ServerCounters.UNKNOWN_FIELDS);
    private static final Set<String> OWN_GAUGES = Set.of(ServerCounters.TIMESTAMP_LAG);

    private final KeyRegistries registries;
    private final KeyRegistries stampedRegistries;
    private final KeyLife counterLife;
    private final KeyLife timerLife;
    private final KeyLife gaugeLife;
    private final KeyLife setLife;
    private final GaugeMemory gauges;
    private final Shard shard;
    private int keys;

    CarriedShard(KeyRegistries registries, KeyRegistries stampedRegistries, KeyLife counterLife, KeyLife timerLife,
                 KeyLife gaugeLife, KeyLife setLife, GaugeMemory gauges, Shard shard) {
        this.registries = registries;
        this.stampedRegistries = stampedRegistries;
        this.counterLife = counterLife;
        this.timerLife = timerLife;
        this.gaugeLife = gaugeLife;
        this.setLife = setLife;
        this.gauges = gauges;
        this.shard = shard;
    }

    /** @return how many keys were carried over */
    int write(Snapshot previous, KeyActivity activity, boolean intoThisInterval) {
        long end = previous.epochMillis();
        register(registries.counters(), counterLife, activity.counters(), end);
        register(registries.timers(), timerLife, activity.timers(), end);
        register(registries.gauges(), gaugeLife, activity.gauges(), end);
        register(registries.sets(), setLife, activity.sets(), end);
        for (CounterValue counter : previous.counters()) {
            int id = OWN_COUNTERS.contains(counter.name()) ? -1 : idOf(registries.counters(), counterLife, counter.name(), end);
            if (id >= 0 && intoThisInterval && counterLife.lastActive(id) == end) {
                shard.addCounter(id, counter.value());
            }
        }
        for (TimerSamples timer : previous.timers()) {
            int id = idOf(registries.timers(), timerLife, timer.name(), end);
            if (id >= 0 && intoThisInterval && !timer.idle()) {
                shard.timerSamples(id).addAll(timer.sortedValues(), timer.weightedCount());
            }
        }
        for (SetMembers set : previous.sets()) {
            int id = idOf(registries.sets(), setLife, set.name(), end);
            if (id >= 0 && intoThisInterval && set.count() > 0) {
                MemberSet members = shard.setMembers(id);
                for (long hash : set.hashes()) {
                    members.add(hash);
                }
            }
        }
        for (GaugeValue gauge : previous.gauges()) {
            int id = OWN_GAUGES.contains(gauge.name()) ? -1 : idOf(registries.gauges(), gaugeLife, gauge.name(), end);
            if (id < 0) {
                continue;
            }
            // Set in this interval only if it was set in the part of it the previous process saw: so an idle
            // gauge stays idle (for delete-idle and key-ttl) and a delta received since applies to its value.
            if (intoThisInterval && gaugeLife.lastActive(id) == end) {
                shard.gauge(id, gauge.value(), false);
            } else {
                gauges.restore(id, gauge.value());
            }
        }
        if (intoThisInterval) {
            previous.stamped().forEach(this::writeStamped);
        }
        return keys;
    }

    /**
     * Points a client stamped with its own second, merged with those of the same key and second received in
     * this interval (they have keys of their own, which live only as long as their points: none to carry).
     */
    private void writeStamped(StampedMetrics second) {
        long epochSeconds = second.epochSeconds();
        StampedPoints points = shard.stamped;
        for (CounterValue counter : second.counters()) {
            int id = stampedRegistries.counters().idOf(counter.name());
            if (id >= 0) {
                points.counter(id, epochSeconds, counter.value());
            }
        }
        for (TimerSamples timer : second.timers()) {
            int id = stampedRegistries.timers().idOf(timer.name());
            if (id >= 0) {
                points.timerSamples(id, epochSeconds, timer.sortedValues(), timer.weightedCount());
            }
        }
        for (GaugeValue gauge : second.gauges()) {
            int id = stampedRegistries.gauges().idOf(gauge.name());
            if (id >= 0) {
                points.gauge(id, epochSeconds, gauge.value(), false);
            }
        }
        for (SetMembers set : second.sets()) {
            int id = stampedRegistries.sets().idOf(set.name());
            if (id >= 0) {
                for (long hash : set.hashes()) {
                    points.set(id, epochSeconds, hash);
                }
            }
        }
    }

    private void register(KeyRegistry registry, KeyLife life, KeyActivity.KeyTimes times, long end) {
        for (int i = 0; i < times.size(); i++) {
            int id = registry.idOf(times.names()[i]);
            if (id >= 0) {
                keys++;
                life.restore(id, times.lastActiveMillis()[i] > 0 ? times.lastActiveMillis()[i] : end);
            }
        }
    }

    /** A key of the snapshot; one missing from the activity (not expected) counts as active at its end. */
    private int idOf(KeyRegistry registry, KeyLife life, String name, long end) {
        int id = registry.idOf(name);
        if (id >= 0 && life.lastActive(id) == 0) {
            keys++;
            life.restore(id, end);
        }
        return id;
    }
}
