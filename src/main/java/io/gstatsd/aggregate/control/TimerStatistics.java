package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.vocabulary.control.PercentSuffix;

import java.util.List;

/**
 * The timer figures of Etsy statsd 0.9's {@code process_metrics}, same algorithm and same order: for each
 * percent threshold {@code count_P, mean_P, upper_P, sum_P, sum_squares_P} (P's dot written as '_', and a
 * threshold skipped where it covers no sample), then {@code std, upper, lower, count, count_ps, sum,
 * sum_squares, mean, median}. An idle timer has only {@code count} and {@code count_ps}, both 0.
 * Thread-safe: immutable after construction.
 */
public final class TimerStatistics {

    /** Receives each figure by its name suffix. */
    public interface Figures {
        void accept(String suffix, double value);
    }

    private final double[] percents;
    private final String[][] percentSuffixes;

    public TimerStatistics(List<Double> percentThresholds) {
        percents = percentThresholds.stream().mapToDouble(Double::doubleValue).toArray();
        percentSuffixes = new String[percents.length][];
        for (int i = 0; i < percents.length; i++) {
            String clean = PercentSuffix.of(percents[i]);
            String bound = percents[i] > 0 ? "upper_" : "lower_";
            percentSuffixes[i] = new String[] {
                "count_" + clean, "mean_" + clean, bound + clean, "sum_" + clean, "sum_squares_" + clean
            };
        }
    }

    /** How many percent thresholds each timer reports (five figures each). */
    public int percentCount() {
        return percents.length;
    }

    public void compute(TimerSamples timer, long flushIntervalMillis, Figures out) {
        double perSecond = flushIntervalMillis / 1000.0;
        double[] values = timer.sortedValues();
        int count = values.length;
        if (count == 0) {
            out.accept("count", 0);
            out.accept("count_ps", 0);
            return;
        }
        double[] cumulative = new double[count];
        double[] cumulativeSquares = new double[count];
        cumulative[0] = values[0];
        cumulativeSquares[0] = values[0] * values[0];
        for (int i = 1; i < count; i++) {
            cumulative[i] = values[i] + cumulative[i - 1];
            cumulativeSquares[i] = values[i] * values[i] + cumulativeSquares[i - 1];
        }
        double min = values[0];
        double max = values[count - 1];
        percentiles(values, cumulative, cumulativeSquares, out);

        double sum = cumulative[count - 1];
        double mean = sum / count;
        double sumOfDiffs = 0;
        for (double value : values) {
            sumOfDiffs += (value - mean) * (value - mean);
        }
        int mid = count / 2;
        double median = count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
        out.accept("std", Math.sqrt(sumOfDiffs / count));
        out.accept("upper", max);
        out.accept("lower", min);
        out.accept("count", timer.weightedCount());
        out.accept("count_ps", timer.weightedCount() / perSecond);
        out.accept("sum", sum);
        out.accept("sum_squares", cumulativeSquares[count - 1]);
        out.accept("mean", mean);
        out.accept("median", median);
    }

    private void percentiles(double[] values, double[] cumulative, double[] cumulativeSquares, Figures out) {
        int count = values.length;
        double sum = values[0];
        double sumSquares = values[0] * values[0];
        double mean = values[0];
        double boundary = values[count - 1];
        for (int p = 0; p < percents.length; p++) {
            double pct = percents[p];
            int inThreshold = count;
            if (count > 1) {
                inThreshold = (int) jsRound(Math.abs(pct) / 100 * count);
                if (inThreshold == 0) {
                    continue;
                }
                if (pct > 0) {
                    boundary = values[inThreshold - 1];
                    sum = cumulative[inThreshold - 1];
                    sumSquares = cumulativeSquares[inThreshold - 1];
                } else {
                    boundary = values[count - inThreshold];
                    sum = cumulative[count - 1] - cumulative[count - inThreshold - 1];
                    sumSquares = cumulativeSquares[count - 1] - cumulativeSquares[count - inThreshold - 1];
                }
                mean = sum / inThreshold;
            }
            String[] suffixes = percentSuffixes[p];
            out.accept(suffixes[0], inThreshold);
            out.accept(suffixes[1], mean);
            out.accept(suffixes[2], boundary);
            out.accept(suffixes[3], sum);
            out.accept(suffixes[4], sumSquares);
        }
    }

    /** JavaScript's Math.round: halves round towards +infinity. */
    private static double jsRound(double value) {
        return Math.floor(value + 0.5);
    }
}
