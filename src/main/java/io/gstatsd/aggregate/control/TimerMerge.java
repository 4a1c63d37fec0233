package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.TimerSamples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gathers one interval's timer samples from every receiver's shard, by key id, and sorts each timer's
 * samples once for the percentiles. Belongs to one interval, like {@link CounterMerge}.
 */
final class TimerMerge {

    private final KeyRegistry registry;
    private double[][] values = new double[0][];
    private double[] weightedCounts = new double[0];

    TimerMerge(KeyRegistry registry) {
        this.registry = registry;
    }

    void add(Shard shard) {
        int n = registry.size();
        if (values.length < n) {
            values = Arrays.copyOf(values, n);
            weightedCounts = Arrays.copyOf(weightedCounts, n);
        }
        for (int i = 0; i < shard.timersTouched.size(); i++) {
            int id = shard.timersTouched.get(i);
            SampleBuffer samples = shard.timerSamples[id];
            double[] previous = values[id];
            int offset = previous == null ? 0 : previous.length;
            double[] merged = previous == null ? new double[samples.size()] : Arrays.copyOf(previous, offset + samples.size());
            samples.copyTo(merged, offset);
            values[id] = merged;
            weightedCounts[id] += samples.weightedCount();
        }
    }

    boolean touched(int id) {
        return id < values.length && values[id] != null;
    }

    /** The interval's samples so far in arrival order (a copy), or null for none. */
    double[] samplesOf(int id) {
        return touched(id) ? values[id].clone() : null;
    }

    /** Drops what the interval gathered for a deleted key. */
    void forget(int id) {
        if (id < values.length) {
            values[id] = null;
            weightedCounts[id] = 0;
        }
    }

    /** Every timer key, an idle one with no samples (Etsy sends its count as 0) unless {@code deleteIdle}. */
    List<TimerSamples> timers(boolean deleteIdle) {
        String[] names = registry.names();
        List<TimerSamples> result = new ArrayList<>(names.length);
        for (int id = 0; id < names.length; id++) {
            double[] samples = id < values.length ? values[id] : null;
            if (names[id] == null) {
                continue;
            }
            if (samples != null) {
                Arrays.sort(samples);
                result.add(new TimerSamples(names[id], samples, weightedCounts[id]));
            } else if (!deleteIdle) {
                result.add(new TimerSamples(names[id], new double[0], 0));
            }
        }
        return result;
    }
}
