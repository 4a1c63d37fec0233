package io.gstatsd.graphite.control;

import io.gstatsd.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconnectBackoffTest {

    /** A clock the test moves. */
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
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
            clock.advance(waits[i]);
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
