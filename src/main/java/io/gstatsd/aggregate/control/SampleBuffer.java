package io.gstatsd.aggregate.control;

import java.util.Arrays;

/** A growable primitive array of one timer's samples in one interval; reused across intervals. */
final class SampleBuffer {

    private double[] values = new double[8];
    private int size;
    private double weightedCount;

    void add(double value, double sampleRate) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
        weightedCount += 1.0 / sampleRate;
    }

    /** Samples whose weights are known only as a sum: a timer carried over from a previous process. */
    void addAll(double[] samples, double samplesWeightedCount) {
        if (size + samples.length > values.length) {
            values = Arrays.copyOf(values, Math.max(size + samples.length, values.length * 2));
        }
        System.arraycopy(samples, 0, values, size, samples.length);
        size += samples.length;
        weightedCount += samplesWeightedCount;
    }

    int size() {
        return size;
    }

    /** The statsd count: each sample weighs 1/sampleRate. */
    double weightedCount() {
        return weightedCount;
    }

    void copyTo(double[] target, int offset) {
        System.arraycopy(values, 0, target, offset, size);
    }

    void clear() {
        size = 0;
        weightedCount = 0;
        if (values.length > 4096) {
            values = new double[8];
        }
    }
}
