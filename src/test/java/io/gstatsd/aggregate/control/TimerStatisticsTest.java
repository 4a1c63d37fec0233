package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.configuration.entity.HistogramBins;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected figures are what Etsy statsd 0.9's lib/process_metrics.js gives for the same samples (run with node). */
class TimerStatisticsTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final TimerSamples RT = new TimerSamples("api.rt", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 100}, 24);
    private static final TimerSamples IDLE = new TimerSamples("idle", new double[0], 0);

    private static Map<String, Double> figures(TimerStatistics statistics, TimerSamples timer) {
        Map<String, Double> figures = new LinkedHashMap<>();
        statistics.compute(timer, 10_000, figures::put);
        return figures;
    }

    @Test
    void aNegativeThresholdGivesTheTopPercentWithItsLowerBound() {
        Map<String, Double> figures = figures(new TimerStatistics(List.of(90.0, -10.0, 99.9)), RT);
        assertEquals(List.of("count_90", "mean_90", "upper_90", "sum_90", "sum_squares_90",
                "count_top10", "mean_top10", "lower_top10", "sum_top10", "sum_squares_top10",
                "count_99_9", "mean_99_9", "upper_99_9", "sum_99_9", "sum_squares_99_9",
                "std", "upper", "lower", "count", "count_ps", "sum", "sum_squares", "mean", "median"),
                List.copyOf(figures.keySet()));
        assertEquals(1, figures.get("count_top10"));
        assertEquals(100, figures.get("mean_top10"));
        assertEquals(100, figures.get("lower_top10"));
        assertEquals(10000, figures.get("sum_squares_top10"));
        assertEquals(6.363636363636363, figures.get("mean_90"));
        assertEquals(12, figures.get("count_99_9"));
        assertEquals(26.143301670260055, figures.get("std"));
        assertEquals(6.5, figures.get("median"));
    }

    @Test
    void noThresholdsSendNoPercentFigures() {
        assertEquals(List.of("std", "upper", "lower", "count", "count_ps", "sum", "sum_squares", "mean", "median"),
                List.copyOf(figures(new TimerStatistics(List.of()), RT).keySet()));
    }

    @Test
    void theFirstMatchingHistogramCountsSamplesBelowEachLimitAndInfCatchesTheRest() {
        TimerStatistics statistics = new TimerStatistics(List.of(), List.of(
                new HistogramBins("nothing", List.of()), new HistogramBins("rt", List.of(2.0, 5.5, 10.0, INF)),
                new HistogramBins("", List.of(1.0))), List.of());
        Map<String, Double> figures = figures(statistics, RT);
        List<String> bins = figures.keySet().stream().filter(name -> name.startsWith("histogram.")).toList();
        assertEquals(List.of("histogram.bin_2", "histogram.bin_5_5", "histogram.bin_10", "histogram.bin_inf"), bins);
        assertEquals(List.of(1.0, 4.0, 4.0, 3.0), bins.stream().map(figures::get).toList());
        assertEquals("histogram.bin_inf", List.copyOf(figures.keySet()).get(figures.size() - 1), "after median");
    }

    @Test
    void samplesAboveTheLastFiniteLimitAreLeftOutAndAMatchWithoutBinsSendsNoHistogram() {
        TimerStatistics statistics = new TimerStatistics(List.of(), List.of(
                new HistogramBins("api", List.of(3.0, 50.0)), new HistogramBins("idle", List.of())), List.of());
        Map<String, Double> figures = figures(statistics, RT);
        assertEquals(2, figures.get("histogram.bin_3"));
        assertEquals(9, figures.get("histogram.bin_50"));
        TimerSamples other = new TimerSamples("idle.rt", new double[] {1}, 1);
        assertEquals(false, figures(statistics, other).keySet().stream().anyMatch(name -> name.startsWith("histogram")));
    }

    @Test
    void calculatedTimerMetricsKeepOnlyTheNamedFiguresPercentOnesByTheirPercentName() {
        TimerStatistics statistics = new TimerStatistics(List.of(90.0, -10.0), List.of(new HistogramBins("", List.of(5.0, INF))),
                List.of("count", "upper_percent", "lower_percent", "histogram"));
        Map<String, Double> figures = figures(statistics, RT);
        assertEquals(List.of("upper_90", "lower_top10", "count", "histogram.bin_5", "histogram.bin_inf"),
                List.copyOf(figures.keySet()));
        assertEquals(15, figures.get("upper_90"));
        assertEquals(24, figures.get("count"));
        assertEquals(8, figures.get("histogram.bin_inf"));
        assertEquals(List.of("count"), List.copyOf(figures(statistics, IDLE).keySet()));
    }

    @Test
    void anIdleTimerSendsCountPsThenCountAsEtsyCreatesThem() {
        assertEquals(List.of("count_ps", "count"), List.copyOf(figures(new TimerStatistics(List.of(90.0)), IDLE).keySet()));
    }
}
