package io.gstatsd.flush.control;

/**
 * Which interval a flush ends, and so its timestamp. Aligned (the default), intervals end at wall-clock
 * multiples of the flush interval since the epoch: every flush is one Graphite slot of that step, and
 * servers with the same interval cut the same intervals. A flush is stamped with the boundary its timer
 * fired for, not the moment it fired, so a late or slightly early timer still stamps the right boundary and
 * no boundary is stamped twice. Not aligned (Etsy statsd's start-relative timer), a flush is stamped with
 * the time it ran.
 * <p>
 * Thread-safe: the flush timer calls {@link #endOfFlushAt}, the shutdown hook {@link #endOfIntervalInProgress}.
 */
public final class FlushSchedule {

    /** Returned by {@link #endOfFlushAt} when the timer fired for a boundary already flushed. */
    public static final long NO_FLUSH = Long.MIN_VALUE;

    /**
     * How early a timer may fire and still count for the coming boundary (half an interval at most). Timers
     * fire late, not early, unless the wall clock is stepped; a late firing, however late, counts for the
     * last boundary that has passed, so a flush held up by a pause keeps its slot.
     */
    private static final long MAX_EARLY_MILLIS = 1000;

    private final long intervalMillis;
    private final boolean aligned;
    private final long earlyMillis;
    private final long firstExpirationMillis;
    /** The end of the last interval flushed; at start, the boundary (or the start) the first interval begins at. */
    private long lastEndMillis;

    public FlushSchedule(long intervalMillis, boolean aligned, long startMillis) {
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("intervalMillis must be >= 1, got " + intervalMillis);
        }
        this.intervalMillis = intervalMillis;
        this.aligned = aligned;
        this.earlyMillis = aligned ? Math.min(intervalMillis / 2, MAX_EARLY_MILLIS) : 0;
        this.lastEndMillis = aligned ? boundaryAtOrBefore(startMillis) : startMillis;
        this.firstExpirationMillis = lastEndMillis + intervalMillis;
    }

    public long intervalMillis() {
        return intervalMillis;
    }

    /** When the interval timer should first fire: the first boundary after the start, or one interval after it. */
    public long firstExpirationMillis() {
        return firstExpirationMillis;
    }

    /**
     * The timer fired at {@code firedMillis}: the end of the interval this flush closes (its timestamp), or
     * {@link #NO_FLUSH} when that boundary was flushed already (the metrics then wait for the next one).
     */
    public synchronized long endOfFlushAt(long firedMillis) {
        if (!aligned) {
            lastEndMillis = firedMillis;
            return firedMillis;
        }
        long passed = boundaryAtOrBefore(firedMillis);
        long end;
        if (passed > lastEndMillis) {
            end = passed;
        } else if (passed + intervalMillis - firedMillis <= earlyMillis) {
            end = passed + intervalMillis;
        } else {
            return NO_FLUSH;
        }
        lastEndMillis = end;
        return end;
    }

    /**
     * At shutdown: the end of the interval in progress, where its partial metrics belong. Aligned, the next
     * boundary after the last flush, or a later one that has passed without a flush (a timer held up).
     */
    public synchronized long endOfIntervalInProgress(long nowMillis) {
        long due = lastEndMillis + intervalMillis;
        return Math.max(due, aligned ? boundaryAtOrBefore(nowMillis) : nowMillis);
    }

    private long boundaryAtOrBefore(long millis) {
        return Math.floorDiv(millis, intervalMillis) * intervalMillis;
    }
}
