package io.gstatsd.prometheus.control;

import io.gstatsd.prometheus.entity.SeriesName;
import io.gstatsd.vocabulary.control.MetricName;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statsd keys as Prometheus series, named as statsd_exporter names them without a mapping: every character of
 * the name outside {@code [a-zA-Z0-9_]} becomes {@code _} ({@code api.rt-ms} is {@code api_rt_ms}), and a name
 * that starts with a digit gets a leading {@code _}. A key's tags (its canonical Graphite form, {@code name;k=v;...},
 * see {@link MetricName#tagsStart}) become labels, their names escaped the same way; a label name that
 * Prometheus reserves ({@code __...}) keeps one leading {@code _}, and {@code le} and {@code quantile}, which
 * histograms and summaries use themselves, become {@code exported_le} and {@code exported_quantile} (as
 * Prometheus renames a scraped label that clashes). Of two tags whose names escape alike, the later one wins.
 * Label values are kept as sent. Stateless.
 */
public final class SeriesNames {

    private SeriesNames() {
    }

    public static SeriesName of(String key) {
        int tags = MetricName.tagsStart(key);
        String family = escaped(tags < 0 ? key : key.substring(0, tags));
        Map<String, String> labels = new TreeMap<>();
        if (tags >= 0) {
            for (String tag : key.substring(tags + 1).split(";")) {
                int equals = tag.indexOf('=');
                String name = labelName(equals < 0 ? tag : tag.substring(0, equals));
                if (!name.isEmpty()) {
                    labels.put(name, equals < 0 ? "" : tag.substring(equals + 1));
                }
            }
        }
        return new SeriesName(family, new ArrayList<>(labels.keySet()), new ArrayList<>(labels.values()));
    }

    /** statsd_exporter's {@code EscapeMetricName}: one {@code _} per character (code point) outside {@code [a-zA-Z0-9_]}. */
    static String escaped(String name) {
        if (name.isEmpty()) {
            return "_";
        }
        StringBuilder out = new StringBuilder(name.length() + 1);
        if (name.charAt(0) >= '0' && name.charAt(0) <= '9') {
            out.append('_');
        }
        name.codePoints().forEach(c -> out.append(valid(c) ? (char) c : '_'));
        return out.toString();
    }

    private static boolean valid(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static String labelName(String tagName) {
        if (tagName.isEmpty()) {
            return "";
        }
        String name = escaped(tagName);
        if (name.startsWith("__")) {
            name = "_" + name.replaceFirst("^_+", "");
        }
        return switch (name) {
            case "le", "quantile" -> "exported_" + name;
            default -> name;
        };
    }
}
