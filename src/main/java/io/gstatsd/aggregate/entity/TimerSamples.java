package io.gstatsd.aggregate.entity;

/**
 * A timer's samples over one interval.
 *
 * @param sortedValues  ascending; empty for a timer that was idle this interval. Not copied: never modify.
 * @param weightedCount the statsd count, each sample weighing 1/sampleRate
 */
public record TimerSamples(String name, double[] sortedValues, double weightedCount) {

    public boolean idle() {
        return sortedValues.length == 0;
    }
}
