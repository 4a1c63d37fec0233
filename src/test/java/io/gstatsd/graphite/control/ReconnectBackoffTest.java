package io.gstatsd.graphite.control;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconnectBackoffTest {

    /** A clock the test moves. */
    private static final class ManualClock extends Clock {
        long millis = 1_700_000_000_000L;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final ManualClock clock = new ManualClock();
    private final ReconnectBackoff backoff = new ReconnectBackoff(300, 1000, clock);

    @Test
    void whileReachableAnAttemptIsAlwaysDue() {
        assertFalse(backoff.inOutage());
        assertTrue(backoff.millisUntilAttempt() <= 0);
    }

    @Test
    void eachFailureDoublesTheWaitUpToTheMaximum() {
        long[] waits = new long[5];
        for (int i = 0; i < waits.length; i++) {
            backoff.failed();
            waits[i] = backoff.millisUntilAttempt();
            clock.millis += waits[i];
            assertEquals(0, backoff.millisUntilAttempt(), "due once the wait has passed");
        }
        assertEquals("[300, 600, 1000, 1000, 1000]", Arrays.toString(waits));
        assertTrue(backoff.inOutage());
    }

    @Test
    void aSuccessEndsTheOutageAndTheNextFailureStartsFromTheFirstWait() {
        backoff.failed();
        backoff.failed();
        backoff.succeeded();
        assertFalse(backoff.inOutage());
        assertTrue(backoff.millisUntilAttempt() <= 0);
        backoff.failed();
        assertEquals(300, backoff.millisUntilAttempt());
    }

    @Test
    void theFirstWaitMustBePositiveAndNotAboveTheMaximum() {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(0, 1000, clock));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(2000, 1000, clock));
    }
}
