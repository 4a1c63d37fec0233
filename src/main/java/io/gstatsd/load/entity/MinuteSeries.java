package io.gstatsd.load.entity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The last fifteen minutes, oldest first, the current partial minute last, as the {@code /15} window covers
 * them: each minute's {@link MinuteValues} (null for a minute without a flush, before the server started or
 * while it stood still), and the keys seen in any of them. Immutable.
 *
 * @param firstMinuteSeconds the start of the oldest minute (epoch seconds)
 */
public record MinuteSeries(long firstMinuteSeconds, List<MinuteValues> minutes, KeyIndex keys) {

    public static final int MINUTES = 15;

    public MinuteSeries {
        if (minutes.size() != MINUTES) {
            throw new IllegalArgumentException("a series has " + MINUTES + " minutes, got " + minutes.size());
        }
        minutes = Collections.unmodifiableList(new ArrayList<>(minutes));
    }

    public static MinuteSeries empty(long firstMinuteSeconds) {
        return new MinuteSeries(firstMinuteSeconds, Collections.nCopies(MINUTES, null), KeyIndex.EMPTY);
    }

    /**
     * A key's figure per minute, oldest first: NaN for a minute without a flush, and for a gauge also for a
     * minute without a value; a counter, timer or set that had no line in a minute with a flush had 0.
     */
    public double[] of(MetricKind kind, String key) {
        double[] values = new double[MINUTES];
        for (int i = 0; i < MINUTES; i++) {
            MinuteValues minute = minutes.get(i);
            double value = minute == null ? Double.NaN : minute.value(kind, key);
            values[i] = Double.isNaN(value) && minute != null && kind.counts() ? 0 : value;
        }
        return values;
    }
}
