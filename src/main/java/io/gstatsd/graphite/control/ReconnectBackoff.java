package io.gstatsd.graphite.control;

import java.time.Clock;
import java.util.Objects;

/**
 * When to try carbon again: at once while it is reachable; after a failure, {@code firstMillis} later, the
 * wait doubling at each further failure up to {@code maxMillis}, until a delivery succeeds. Whether an
 * outage is under way is kept here too, so that its start and its end are each handled once.
 * <p>
 * Threads: the sink's worker reports failures and successes and asks when to try; {@link #inOutage} may be
 * read from any thread.
 */
final class ReconnectBackoff {

    private final long firstMillis;
    private final long maxMillis;
    private final Clock clock;
    private volatile boolean outage;
    private long backoffMillis;
    private long nextAttemptMillis;

    ReconnectBackoff(long firstMillis, long maxMillis, Clock clock) {
        if (firstMillis < 1 || maxMillis < firstMillis) {
            throw new IllegalArgumentException("need 1 <= firstMillis <= maxMillis, got " + firstMillis + " and "
                    + maxMillis);
        }
        this.firstMillis = firstMillis;
        this.maxMillis = maxMillis;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void failed() {
        outage = true;
        backoffMillis = backoffMillis == 0 ? firstMillis : Math.min(maxMillis, backoffMillis * 2);
        nextAttemptMillis = clock.millis() + backoffMillis;
    }

    void succeeded() {
        outage = false;
        backoffMillis = 0;
        nextAttemptMillis = 0;
    }

    boolean inOutage() {
        return outage;
    }

    /** Milliseconds until the next attempt is due; zero or less when it is. */
    long millisUntilAttempt() {
        return nextAttemptMillis - clock.millis();
    }
}
