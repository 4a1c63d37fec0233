package io.gstatsd.prometheus.entity;

import java.util.List;

/**
 * A statsd key as Prometheus names it: the metric family and the labels its tags became. Immutable.
 *
 * @param family      a valid Prometheus metric name ({@code [a-zA-Z_][a-zA-Z0-9_]*})
 * @param labelNames  valid label names, sorted, none repeated
 * @param labelValues their values, as sent
 */
public record SeriesName(String family, List<String> labelNames, List<String> labelValues) {

    public SeriesName {
        labelNames = List.copyOf(labelNames);
        labelValues = List.copyOf(labelValues);
        if (labelNames.size() != labelValues.size()) {
            throw new IllegalArgumentException(labelNames.size() + " label names but " + labelValues.size() + " values");
        }
    }

    /** {@code family{k="v",...}}, one text per series, for telling series apart and for log lines. */
    public String text() {
        StringBuilder out = new StringBuilder(family);
        if (!labelNames.isEmpty()) {
            out.append('{');
            for (int i = 0; i < labelNames.size(); i++) {
                out.append(i == 0 ? "" : ",").append(labelNames.get(i)).append("=\"").append(labelValues.get(i)).append('"');
            }
            out.append('}');
        }
        return out.toString();
    }
}
