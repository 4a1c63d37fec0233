package io.gstatsd.cluster.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.StampedMetrics;
import io.gstatsd.aggregate.entity.TimerSamples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One snapshot cut into the parts each member owns, by key name. Each key's owner is asked once per split
 * (a key of several types is one name to the Data Grid, so one owner).
 */
final class SnapshotSplit {

    private final Function<String, String> ownerOf;
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, Parts> parts = new LinkedHashMap<>();

    private SnapshotSplit(Function<String, String> ownerOf) {
        this.ownerOf = ownerOf;
    }

    /** @return each owner's part; owners without keys have none */
    static Map<String, Snapshot> of(Snapshot snapshot, Function<String, String> ownerOf) {
        SnapshotSplit split = new SnapshotSplit(ownerOf);
        snapshot.counters().forEach(counter -> split.parts(counter.name()).counters.add(counter));
        snapshot.timers().forEach(timer -> split.parts(timer.name()).timers.add(timer));
        snapshot.gauges().forEach(gauge -> split.parts(gauge.name()).gauges.add(gauge));
        snapshot.sets().forEach(set -> split.parts(set.name()).sets.add(set));
        for (StampedMetrics second : snapshot.stamped()) {
            second.counters().forEach(counter -> split.parts(counter.name()).second(second).counters.add(counter));
            second.timers().forEach(timer -> split.parts(timer.name()).second(second).timers.add(timer));
            second.gauges().forEach(gauge -> split.parts(gauge.name()).second(second).gauges.add(gauge));
            second.sets().forEach(set -> split.parts(set.name()).second(second).sets.add(set));
        }
        Map<String, Snapshot> result = new LinkedHashMap<>();
        split.parts.forEach((owner, part) -> result.put(owner, part.snapshot(snapshot)));
        return result;
    }

    private Parts parts(String name) {
        String owner = owners.computeIfAbsent(name, ownerOf);
        return parts.computeIfAbsent(owner, o -> new Parts());
    }

    /** An empty snapshot of the same interval: what a member sends to an owner it has no keys for. */
    static Snapshot empty(Snapshot of) {
        return new Snapshot(of.epochMillis(), of.flushIntervalMillis(), List.of(), List.of(), List.of(), List.of(), 0,
                List.of());
    }

    private static final class Parts {
        final List<CounterValue> counters = new ArrayList<>();
        final List<TimerSamples> timers = new ArrayList<>();
        final List<GaugeValue> gauges = new ArrayList<>();
        final List<SetMembers> sets = new ArrayList<>();
        final Map<Long, Parts> seconds = new LinkedHashMap<>();

        Parts second(StampedMetrics second) {
            return seconds.computeIfAbsent(second.epochSeconds(), s -> new Parts());
        }

        Snapshot snapshot(Snapshot whole) {
            List<StampedMetrics> stamped = new ArrayList<>(seconds.size());
            seconds.forEach((second, part) -> stamped.add(new StampedMetrics(second, part.counters, part.timers,
                    part.gauges, part.sets)));
            return new Snapshot(whole.epochMillis(), whole.flushIntervalMillis(), counters, timers, gauges, sets,
                    whole.processingMillis(), stamped);
        }
    }
}
