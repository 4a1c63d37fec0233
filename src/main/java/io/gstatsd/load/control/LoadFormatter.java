package io.gstatsd.load.control;

import io.gstatsd.vocabulary.control.PercentSuffix;

import io.gstatsd.vocabulary.control.MetricName;
import io.gstatsd.load.entity.LoadAnswer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Turns a window's merged metrics into named figures, named as Graphite's legacy namespace names them so
 * a key reads the same everywhere: {@code stats_counts.K} (count) and {@code stats.K} (per second over the
 * window's covered seconds); {@code stats.timers.K.{count,lower,upper,mean,sum,upper_P}} ({@code lower_topP} for a negative P);
 * {@code stats.gauges.K.{last,lower,upper,mean}}; {@code stats.sets.K.count}. Thread-safe: immutable.
 */
public final class LoadFormatter {

    private final double[] percents;
    private final String[] percentNames;

    public LoadFormatter(List<Double> percentThresholds) {
        percents = percentThresholds.stream().mapToDouble(Double::doubleValue).toArray();
        percentNames = new String[percents.length];
        for (int i = 0; i < percents.length; i++) {
            // a negative threshold is Etsy's top percent: the lower bound of the top P% (lower_topP)
            percentNames[i] = (percents[i] > 0 ? "upper_" : "lower_") + PercentSuffix.of(percents[i]);
        }
    }

    LoadAnswer answer(FrameMetrics metrics, long startSeconds, long endSeconds, long coveredSeconds) {
        NavigableMap<String, Double> figures = new TreeMap<>();
        NavigableMap<String, List<String>> names = new TreeMap<>();
        for (Map.Entry<String, double[]> counter : metrics.counters.entrySet()) {
            String key = counter.getKey();
            double count = counter.getValue()[0];
            put(figures, names, key, MetricName.of("stats_counts", key, null), count);
            put(figures, names, key, MetricName.of("stats", key, null), count / coveredSeconds);
        }
        for (Map.Entry<String, FrameMetrics.TimerCell> timer : metrics.timers.entrySet()) {
            String key = timer.getKey();
            FrameMetrics.TimerCell cell = timer.getValue();
            if (cell.samples.isEmpty()) {
                continue;
            }
            put(figures, names, key, MetricName.of("stats.timers", key, "count"), cell.weightedCount);
            put(figures, names, key, MetricName.of("stats.timers", key, "lower"), cell.samples.getMinItem());
            put(figures, names, key, MetricName.of("stats.timers", key, "upper"), cell.samples.getMaxItem());
            put(figures, names, key, MetricName.of("stats.timers", key, "mean"), cell.sum / cell.samples.getN());
            put(figures, names, key, MetricName.of("stats.timers", key, "sum"), cell.sum);
            for (int i = 0; i < percents.length; i++) {
                put(figures, names, key, MetricName.of("stats.timers", key, percentNames[i]),
                        cell.samples.getQuantile(percents[i] > 0 ? percents[i] / 100 : 1 + percents[i] / 100));
            }
        }
        for (Map.Entry<String, FrameMetrics.GaugeCell> gauge : metrics.gauges.entrySet()) {
            String key = gauge.getKey();
            FrameMetrics.GaugeCell cell = gauge.getValue();
            put(figures, names, key, MetricName.of("stats.gauges", key, "last"), cell.last);
            put(figures, names, key, MetricName.of("stats.gauges", key, "lower"), cell.lower);
            put(figures, names, key, MetricName.of("stats.gauges", key, "upper"), cell.upper);
            put(figures, names, key, MetricName.of("stats.gauges", key, "mean"), cell.sum / cell.observations);
        }
        metrics.sets.forEach((key, union) -> put(figures, names, key, MetricName.of("stats.sets", key, "count"),
                Math.round(union.getEstimate())));
        return new LoadAnswer(startSeconds, endSeconds, coveredSeconds, figures, names);
    }

    private static void put(NavigableMap<String, Double> figures, NavigableMap<String, List<String>> names,
                            String key, String name, double value) {
        figures.put(name, value);
        names.computeIfAbsent(key, k -> new ArrayList<>(4)).add(name);
    }
}
