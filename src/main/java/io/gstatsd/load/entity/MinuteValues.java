package io.gstatsd.load.entity;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One minute's headline figure of each key, the point of its sparkline: the count of a counter, the sample
 * count of a timer, the last value of a gauge, the distinct members of a set. Kept as sorted arrays (a
 * reference and a double per key, the key strings shared with the frames) because fifteen of them live at
 * once. Immutable.
 */
public final class MinuteValues {

    public static final MinuteValues EMPTY = new Builder().build();

    private final EnumMap<MetricKind, String[]> keys;
    private final EnumMap<MetricKind, double[]> values;

    private MinuteValues(EnumMap<MetricKind, String[]> keys, EnumMap<MetricKind, double[]> values) {
        this.keys = keys;
        this.values = values;
    }

    /** Takes each kind's figures straight from the frame's cells: no copy of the maps, no boxed values. */
    public static final class Builder {

        private final EnumMap<MetricKind, String[]> keys = new EnumMap<>(MetricKind.class);
        private final EnumMap<MetricKind, double[]> values = new EnumMap<>(MetricKind.class);

        public Builder() {
            for (MetricKind kind : MetricKind.values()) {
                keys.put(kind, new String[0]);
                values.put(kind, new double[0]);
            }
        }

        public <C> Builder put(MetricKind kind, Map<String, C> cells, ToDoubleFunction<C> figure) {
            String[] sorted = cells.keySet().toArray(new String[0]);
            Arrays.sort(sorted);
            double[] figures = new double[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                figures[i] = figure.applyAsDouble(cells.get(sorted[i]));
            }
            keys.put(kind, sorted);
            values.put(kind, figures);
            return this;
        }

        public MinuteValues build() {
            return new MinuteValues(keys.clone(), values.clone());
        }
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
