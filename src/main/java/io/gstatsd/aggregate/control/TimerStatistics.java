package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.configuration.entity.HistogramBins;
import io.gstatsd.vocabulary.control.PercentSuffix;
import io.gstatsd.vocabulary.control.PlainNumber;

import java.util.List;

/**
 * The timer figures of Etsy statsd 0.9's {@code process_metrics}, same algorithm and same order: for each
 * percent threshold {@code count_P, mean_P, upper_P, sum_P, sum_squares_P} (P's dot written as '_', and a
 * threshold skipped where it covers no sample), then {@code std, upper, lower, count, count_ps, sum,
 * sum_squares, mean, median}, then Etsy's {@code histogram} bins of the first matching entry
 * ({@code histogram.bin_10}...). An idle timer has only {@code count_ps} and {@code count}, both 0. With
 * {@code calculatedTimerMetrics} only the figures it names are sent, each {@code X_P} named {@code X_percent}
 * there (Etsy's own rule: a name's trailing {@code _<digits>} or {@code _top<digits>} read as {@code _percent}).
 * Thread-safe: immutable after construction.
 */
public final class TimerStatistics {

    /** Receives each figure by its name suffix. */
    public interface Figures {
        void accept(String suffix, double value);
    }

    private static final String[] FIGURES = {
        "std", "upper", "lower", "count", "count_ps", "sum", "sum_squares", "mean", "median"
    };
    private static final int STD = 0;
    private static final int UPPER = 1;
    private static final int LOWER = 2;
    private static final int COUNT = 3;
    private static final int COUNT_PS = 4;
    private static final int SUM = 5;
    private static final int SUM_SQUARES = 6;
    private static final int MEAN = 7;
    private static final int MEDIAN = 8;

    private final double[] percents;
    /** Per threshold its five names, null for one not sent. */
    private final String[][] percentSuffixes;
    /** The base figures' names, null for one not sent. */
    private final String[] figures = new String[FIGURES.length];
    private final List<HistogramBins> histograms;
    /** Per histogram entry, its bins' figure names. */
    private final String[][] binNames;
    private final boolean sendsHistograms;

    public TimerStatistics(List<Double> percentThresholds) {
        this(percentThresholds, List.of(), List.of());
    }

    /**
     * @param histograms            Etsy's {@code histogram} option, first match wins
     * @param calculatedTimerMetrics Etsy's {@code calculatedTimerMetrics}; empty sends every figure
     */
    public TimerStatistics(List<Double> percentThresholds, List<HistogramBins> histograms,
                           List<String> calculatedTimerMetrics) {
        percents = percentThresholds.stream().mapToDouble(Double::doubleValue).toArray();
        percentSuffixes = new String[percents.length][];
        for (int i = 0; i < percents.length; i++) {
            String clean = PercentSuffix.of(percents[i]);
            String bound = percents[i] > 0 ? "upper_" : "lower_";
            String[] names = {
                "count_" + clean, "mean_" + clean, bound + clean, "sum_" + clean, "sum_squares_" + clean
            };
            for (int f = 0; f < names.length; f++) {
                names[f] = sent(names[f], calculatedTimerMetrics) ? names[f] : null;
            }
            percentSuffixes[i] = names;
        }
        for (int f = 0; f < FIGURES.length; f++) {
            figures[f] = sent(FIGURES[f], calculatedTimerMetrics) ? FIGURES[f] : null;
        }
        this.histograms = List.copyOf(histograms);
        this.binNames = this.histograms.stream()
                .map(entry -> entry.bins().stream().map(TimerStatistics::binName).toArray(String[]::new))
                .toArray(String[][]::new);
        this.sendsHistograms = !this.histograms.isEmpty() && sent("histogram", calculatedTimerMetrics);
    }

    private static boolean sent(String figure, List<String> calculatedTimerMetrics) {
        return calculatedTimerMetrics.isEmpty()
                || calculatedTimerMetrics.contains(figure.replaceFirst("_(top)?\\d+$", "_percent"));
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
            // Etsy's "count = count_ps = 0" creates count_ps first
            accept(out, COUNT_PS, 0);
            accept(out, COUNT, 0);
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
        accept(out, STD, Math.sqrt(sumOfDiffs / count));
        accept(out, UPPER, max);
        accept(out, LOWER, min);
        accept(out, COUNT, timer.weightedCount());
        accept(out, COUNT_PS, timer.weightedCount() / perSecond);
        accept(out, SUM, sum);
        accept(out, SUM_SQUARES, cumulativeSquares[count - 1]);
        accept(out, MEAN, mean);
        accept(out, MEDIAN, median);
        if (sendsHistograms) {
            histogram(timer.name(), values, out);
        }
    }

    private void accept(Figures out, int figure, double value) {
        acceptNamed(out, figures[figure], value);
    }

    private static void acceptNamed(Figures out, String name, double value) {
        if (name != null) {
            out.accept(name, value);
        }
    }

    /**
     * Etsy's bins over the sorted samples: each bin counts the samples below its limit not counted by an
     * earlier bin, so samples above the last finite limit are left out (by Etsy's design) unless it is 'inf'.
     */
    private void histogram(String key, double[] values, Figures out) {
        for (int h = 0; h < histograms.size(); h++) {
            HistogramBins entry = histograms.get(h);
            if (entry.matches(key)) {
                List<Double> limits = entry.bins();
                int i = 0;
                for (int b = 0; b < limits.size(); b++) {
                    double limit = limits.get(b);
                    int frequency = 0;
                    while (i < values.length && values[i] < limit) {
                        frequency++;
                        i++;
                    }
                    out.accept(binNames[h][b], frequency);
                }
                return;
            }
        }
    }

    /** {@code histogram.bin_<limit>}, the limit as JavaScript prints it with its first '.' as '_', or {@code bin_inf}. */
    private static String binName(double limit) {
        String text = limit == Double.POSITIVE_INFINITY ? "inf" : PlainNumber.format(limit).replaceFirst("\\.", "_");
        return "histogram.bin_" + text;
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
            acceptNamed(out, suffixes[0], inThreshold);
            acceptNamed(out, suffixes[1], mean);
            acceptNamed(out, suffixes[2], boundary);
            acceptNamed(out, suffixes[3], sum);
            acceptNamed(out, suffixes[4], sumSquares);
        }
    }

    /** JavaScript's Math.round: halves round towards +infinity. */
    private static double jsRound(double value) {
        return Math.floor(value + 0.5);
    }
}
