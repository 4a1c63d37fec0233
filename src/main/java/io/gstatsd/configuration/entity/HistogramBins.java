package io.gstatsd.configuration.entity;

import java.util.List;

/**
 * One entry of Etsy's {@code histogram} option: timers whose key contains {@code metric} (the first entry
 * that matches wins, "" matches every key) count their samples into bins with these exclusive upper limits,
 * ascending, {@code Infinity} for Etsy's {@code 'inf'}. No bins: no histogram for the keys it matches.
 */
public record HistogramBins(String metric, List<Double> bins) {

    public HistogramBins {
        if (metric == null) {
            throw new IllegalArgumentException("metric must not be null; \"\" matches every timer");
        }
        bins = List.copyOf(bins);
        for (double bin : bins) {
            if (Double.isNaN(bin)) {
                throw new IllegalArgumentException("a bin must be a number or Infinity, got NaN");
            }
        }
    }

    public boolean matches(String key) {
        return key.contains(metric);
    }
}
