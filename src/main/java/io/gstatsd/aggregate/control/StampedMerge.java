package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.StampedMetrics;
import io.gstatsd.aggregate.entity.TimerSamples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges one interval's client-stamped points of every receiver's shard, per second and key: counters
 * summed, timer samples gathered, gauges set or changed in shard order (a delta with no value set in the
 * interval starts from 0: a stamped point does not read the gauge's current value), set members united.
 * Belongs to one drain, like {@link CounterMerge}; clients send few such points, so maps are fine here.
 */
final class StampedMerge {

    private final KeyRegistries registries;
    private final TreeMap<Long, Second> seconds = new TreeMap<>();
    /** The ids with points in this interval, by type. */
    private final BitSet[] touched = {new BitSet(), new BitSet(), new BitSet(), new BitSet()};

    StampedMerge(KeyRegistries registries) {
        this.registries = registries;
    }

    void add(Shard shard) {
        StampedPoints points = shard.stamped;
        for (int i = 0; i < points.size; i++) {
            Second second = seconds.computeIfAbsent(points.seconds[i], s -> new Second());
            int id = points.ids[i];
            touched[points.types[i]].set(id);
            switch (points.types[i]) {
                case StampedPoints.COUNTER -> second.counters.merge(id, points.values[i], Double::sum);
                case StampedPoints.TIMER -> second.timers.computeIfAbsent(id, k -> new TimerPoint()).add(points.samples[i]);
                case StampedPoints.GAUGE -> {
                    if (points.gaugeModes[i] == Shard.GAUGE_SET) {
                        second.gauges.put(id, points.values[i]);
                    } else {
                        second.gauges.merge(id, points.values[i], Double::sum);
                    }
                }
                default -> second.sets.computeIfAbsent(id, k -> new MemberSet()).addAll(points.members[i]);
            }
        }
    }

    boolean touched(byte type, int id) {
        return touched[type].get(id);
    }

    /** The interval's stamped metrics, oldest second first. */
    List<StampedMetrics> stamped() {
        if (seconds.isEmpty()) {
            return List.of();
        }
        String[] counterNames = registries.counters().names();
        String[] timerNames = registries.timers().names();
        String[] gaugeNames = registries.gauges().names();
        String[] setNames = registries.sets().names();
        List<StampedMetrics> result = new ArrayList<>(seconds.size());
        seconds.forEach((epochSeconds, second) -> {
            List<CounterValue> counters = new ArrayList<>();
            second.counters.forEach((id, sum) -> counters.add(new CounterValue(counterNames[id], sum)));
            List<TimerSamples> timers = new ArrayList<>();
            second.timers.forEach((id, timer) -> timers.add(timer.samples(timerNames[id])));
            List<GaugeValue> gauges = new ArrayList<>();
            second.gauges.forEach((id, value) -> gauges.add(new GaugeValue(gaugeNames[id], value)));
            List<SetMembers> sets = new ArrayList<>();
            second.sets.forEach((id, members) -> sets.add(new SetMembers(setNames[id], members.toArray())));
            result.add(new StampedMetrics(epochSeconds, counters, timers, gauges, sets));
        });
        return result;
    }

    private static final class Second {
        final Map<Integer, Double> counters = new LinkedHashMap<>();
        final Map<Integer, TimerPoint> timers = new LinkedHashMap<>();
        final Map<Integer, Double> gauges = new LinkedHashMap<>();
        final Map<Integer, MemberSet> sets = new LinkedHashMap<>();
    }

    private static final class TimerPoint {
        private double[] values = new double[0];
        private double weightedCount;

        void add(SampleBuffer samples) {
            int offset = values.length;
            values = Arrays.copyOf(values, offset + samples.size());
            samples.copyTo(values, offset);
            weightedCount += samples.weightedCount();
        }

        TimerSamples samples(String name) {
            Arrays.sort(values);
            return new TimerSamples(name, values, weightedCount);
        }
    }
}
