package io.gstatsd.load.control;

import io.gstatsd.load.entity.KeyIndex;
import io.gstatsd.load.entity.LiveQuery;
import io.gstatsd.load.entity.LoadAnswer;
import io.gstatsd.load.entity.LoadView;
import io.gstatsd.load.entity.MetricKind;
import io.gstatsd.load.entity.MinuteSeries;
import io.gstatsd.load.entity.WindowSpec;
import io.gstatsd.vocabulary.control.MetricName;
import io.gstatsd.vocabulary.control.PercentSuffix;
import io.gstatsd.vocabulary.control.PlainNumber;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The live page's data as JSON: the keys of the 15-minute window that match a query, in its order, each with
 * its figures in the 1, 5 and 15-minute windows up to the last flush (counters rate and count, timers count,
 * rate and each percentile, gauges last, lower and upper, sets count) and its value in each of the last 15
 * minutes, for a sparkline. Names hold only sanitised key characters, so nothing needs escaping.
 * Thread-safe: immutable; each call reads one {@link LoadView}.
 */
public final class LiveRows {

    private static final WindowSpec[] WINDOWS = {new WindowSpec(1, false), new WindowSpec(5, false),
            new WindowSpec(15, false)};

    private final String[] percentNames;

    public LiveRows(List<Double> percentThresholds) {
        percentNames = percentThresholds.stream().map(p -> "upper_" + PercentSuffix.of(p)).toArray(String[]::new);
    }

    public String json(LoadView view, LiveQuery query) {
        MinuteSeries series = view.series();
        KeyIndex keys = series.keys();
        LoadAnswer lastMinute = view.answer(WINDOWS[0]);
        List<KeyIndex.Row> rows = query.order() == LiveQuery.Order.NAME
                ? keys.rowsStartingWith(query.startsWith(), query.limit())
                : fastestFirst(keys.rowsStartingWith(query.startsWith(), Integer.MAX_VALUE), lastMinute, query.limit());
        StringBuilder out = new StringBuilder(256 + 400 * rows.size());
        out.append("{\"end\":").append(lastMinute.endSeconds());
        out.append(",\"firstMinute\":").append(series.firstMinuteSeconds());
        out.append(",\"matchingKeys\":").append(keys.countStartingWith(query.startsWith()));
        out.append(",\"rows\":[");
        for (int i = 0; i < rows.size(); i++) {
            out.append(i == 0 ? "" : ",");
            row(out, rows.get(i), view, series);
        }
        return out.append("]}\n").toString();
    }

    private List<KeyIndex.Row> fastestFirst(List<KeyIndex.Row> rows, LoadAnswer lastMinute, int limit) {
        double[] rates = new double[rows.size()];
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < rates.length; i++) {
            double rate = rate(rows.get(i), lastMinute);
            rates[i] = Double.isNaN(rate) ? Double.NEGATIVE_INFINITY : rate;
            order[i] = i;
        }
        // rows come in name order and the sort is stable: equal rates stay by name
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> rates[i]).reversed());
        return Arrays.stream(order).limit(limit).map(rows::get).toList();
    }

    /** Per second over the window: a counter's rate, a timer's samples; NaN for gauges, sets and absent keys. */
    private static double rate(KeyIndex.Row row, LoadAnswer window) {
        if (row.kind() == MetricKind.COUNTER) {
            return figure(window, "stats", row.key(), null);
        }
        if (row.kind() == MetricKind.TIMER) {
            return figure(window, "stats.timers", row.key(), "count") / window.coveredSeconds();
        }
        return Double.NaN;
    }

    private void row(StringBuilder out, KeyIndex.Row row, LoadView view, MinuteSeries series) {
        out.append("{\"key\":\"").append(row.key()).append("\",\"type\":\"").append(row.kind().label()).append('"');
        for (WindowSpec window : WINDOWS) {
            out.append(",\"w").append(window.minutes()).append("\":");
            figures(out, row, view.answer(window));
        }
        out.append(",\"perMinute\":[");
        double[] perMinute = series.of(row.kind(), row.key());
        for (int i = 0; i < perMinute.length; i++) {
            number(out.append(i == 0 ? "" : ","), perMinute[i]);
        }
        out.append("]}");
    }

    /** The row's figures in one window as an object, or null when the key had none there. */
    private void figures(StringBuilder out, KeyIndex.Row row, LoadAnswer window) {
        String key = row.key();
        switch (row.kind()) {
            case COUNTER -> {
                if (open(out, figure(window, "stats_counts", key, null))) {
                    field(out, "rate", figure(window, "stats", key, null), true);
                    field(out, "count", figure(window, "stats_counts", key, null), false);
                    out.append('}');
                }
            }
            case TIMER -> {
                double count = figure(window, "stats.timers", key, "count");
                if (open(out, count)) {
                    field(out, "count", count, true);
                    field(out, "rate", count / window.coveredSeconds(), false);
                    for (String percent : percentNames) {
                        field(out, percent, figure(window, "stats.timers", key, percent), false);
                    }
                    out.append('}');
                }
            }
            case GAUGE -> {
                if (open(out, figure(window, "stats.gauges", key, "last"))) {
                    field(out, "last", figure(window, "stats.gauges", key, "last"), true);
                    field(out, "lower", figure(window, "stats.gauges", key, "lower"), false);
                    field(out, "upper", figure(window, "stats.gauges", key, "upper"), false);
                    out.append('}');
                }
            }
            case SET -> {
                if (open(out, figure(window, "stats.sets", key, "count"))) {
                    field(out, "count", figure(window, "stats.sets", key, "count"), true);
                    out.append('}');
                }
            }
        }
    }

    /** Writes null and says false for an absent figure; otherwise opens the object and says true. */
    private static boolean open(StringBuilder out, double value) {
        if (Double.isNaN(value)) {
            out.append("null");
            return false;
        }
        out.append('{');
        return true;
    }

    private static void field(StringBuilder out, String name, double value, boolean first) {
        out.append(first ? "\"" : ",\"").append(name).append("\":");
        number(out, value);
    }

    private static void number(StringBuilder out, double value) {
        if (Double.isFinite(value)) {
            PlainNumber.append(out, value);
        } else {
            out.append("null");
        }
    }

    private static double figure(LoadAnswer window, String namespace, String key, String suffix) {
        Double value = window.figures().get(MetricName.of(namespace, key, suffix));
        return value == null ? Double.NaN : value;
    }
}
