package io.gstatsd.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling it until a deadline, so that no test sleeps a fixed time and hopes. */
public final class Await {

    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    public static void until(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
