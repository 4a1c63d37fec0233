package io.gstatsd.load.entity;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * One minute's headline figure of each key, the point of its sparkline: the count of a counter, the sample
 * count of a timer, the last value of a gauge, the distinct members of a set. Kept as sorted arrays (a
 * reference and a double per key, shared key strings) because fifteen of them live at once. Immutable.
 */
public final class MinuteValues {

    public static final MinuteValues EMPTY = new MinuteValues(new EnumMap<>(MetricKind.class));

    private final EnumMap<MetricKind, String[]> keys = new EnumMap<>(MetricKind.class);
    private final EnumMap<MetricKind, double[]> values = new EnumMap<>(MetricKind.class);

    private MinuteValues(Map<MetricKind, ? extends Map<String, ?>> byKind) {
        for (MetricKind kind : MetricKind.values()) {
            keys.put(kind, new String[0]);
            values.put(kind, new double[0]);
        }
        byKind.forEach((kind, figures) -> {
            String[] sorted = figures.keySet().toArray(new String[0]);
            Arrays.sort(sorted);
            keys.put(kind, sorted);
            values.put(kind, new double[sorted.length]);
        });
    }

    /** Builds one from a value per key and kind; the maps are read, not kept. */
    public static MinuteValues of(Map<MetricKind, Map<String, Double>> byKind) {
        MinuteValues minute = new MinuteValues(byKind);
        byKind.forEach((kind, figures) -> {
            String[] sorted = minute.keys.get(kind);
            double[] values = minute.values.get(kind);
            for (int i = 0; i < sorted.length; i++) {
                values[i] = figures.get(sorted[i]);
            }
        });
        return minute;
    }

    /** The key's figure this minute, or NaN when the key had none. */
    public double value(MetricKind kind, String key) {
        int at = Arrays.binarySearch(keys.get(kind), key);
        return at >= 0 ? values.get(kind)[at] : Double.NaN;
    }

    /** The keys of a kind, sorted; not a copy: never modify. */
    String[] keys(MetricKind kind) {
        return keys.get(kind);
    }
}
