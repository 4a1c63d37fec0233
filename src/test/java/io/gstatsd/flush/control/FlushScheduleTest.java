package io.gstatsd.flush.control;

import io.gstatsd.vocabulary.control.EpochSeconds;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlushScheduleTest {

    /** 2023-11-14T22:13:00Z, a multiple of every interval used here (10 s, 2.5 s, 7 s). */
    private static final long T0 = 420_000L * 4_047_619;

    @Test
    void theFirstFlushIsAtTheFirstBoundaryAfterTheStartAndStampedWithIt() {
        FlushSchedule schedule = new FlushSchedule(10_000, true, T0 + 3_217);
        assertEquals(T0 + 10_000, schedule.firstExpirationMillis());
        assertEquals(T0 + 10_000, schedule.endOfFlushAt(T0 + 10_004));
    }

    @Test
    void aServerStartedOnABoundaryFirstFlushesOneIntervalLater() {
        assertEquals(T0 + 10_000, new FlushSchedule(10_000, true, T0).firstExpirationMillis());
    }

    @Test
    void aTimerFiringSomeMillisLateOrEarlyStampsTheBoundaryItFiredFor() {
        FlushSchedule schedule = new FlushSchedule(10_000, true, T0 + 1);
        assertEquals(T0 + 10_000, schedule.endOfFlushAt(T0 + 10_000 + 37));
        assertEquals(T0 + 20_000, schedule.endOfFlushAt(T0 + 20_000 - 4));
        assertEquals(T0 + 30_000, schedule.endOfFlushAt(T0 + 30_000));
        assertEquals(T0 + 40_000, schedule.endOfFlushAt(T0 + 40_000 + 999));
        assertEquals(T0 + 50_000, schedule.endOfFlushAt(T0 + 50_000 - 999));
    }

    @Test
    void aTimerHeldUpAlmostAWholeIntervalStillStampsTheBoundaryItWasDueAt() {
        FlushSchedule schedule = new FlushSchedule(10_000, true, T0 + 1);
        assertEquals(T0 + 10_000, schedule.endOfFlushAt(T0 + 19_500));
        assertEquals(T0 + 20_000, schedule.endOfFlushAt(T0 + 20_003));
    }

    @Test
    void aSecondFiringForABoundaryAlreadyFlushedFlushesNothing() {
        FlushSchedule schedule = new FlushSchedule(10_000, true, T0 + 1);
        assertEquals(T0 + 10_000, schedule.endOfFlushAt(T0 + 10_002));
        assertEquals(FlushSchedule.NO_FLUSH, schedule.endOfFlushAt(T0 + 10_040));
        assertEquals(FlushSchedule.NO_FLUSH, schedule.endOfFlushAt(T0 + 15_000));
        assertEquals(T0 + 20_000, schedule.endOfFlushAt(T0 + 20_001));
    }

    @Test
    void aFiringMoreThanTheToleranceEarlyFlushesNothingAndTheMetricsWaitForTheBoundary() {
        FlushSchedule schedule = new FlushSchedule(10_000, true, T0 + 1);
        assertEquals(FlushSchedule.NO_FLUSH, schedule.endOfFlushAt(T0 + 8_000));
        assertEquals(T0 + 10_000, schedule.endOfFlushAt(T0 + 10_001));
    }

    @Test
    void jitteredFiringsOfAFractionalIntervalStampEveryBoundaryOnceInOrder() {
        assertEveryBoundaryOnce(2_500, 1_000, 2_499);
    }

    @Test
    void jitteredFiringsOfAnIntervalThatDoesNotDivideAMinuteStampEveryBoundaryOnceInOrder() {
        assertEveryBoundaryOnce(7_000, 1_000, 6_999);
    }

    /** Fires at every boundary, early by up to {@code maxEarly} or late by up to {@code maxLate} ms. */
    private static void assertEveryBoundaryOnce(long interval, long maxEarly, long maxLate) {
        Random random = new Random(42);
        FlushSchedule schedule = new FlushSchedule(interval, true, T0 + 123);
        long previousSecond = Long.MIN_VALUE;
        for (int i = 1; i <= 5_000; i++) {
            long boundary = T0 + i * interval;
            long jitter = random.nextBoolean() ? -random.nextLong(maxEarly + 1) : random.nextLong(maxLate + 1);
            assertEquals(boundary, schedule.endOfFlushAt(boundary + jitter), "firing " + i + " jitter " + jitter);
            assertEquals(0, boundary % interval);
            long second = EpochSeconds.of(boundary);
            assertTrue(second > previousSecond, "one Graphite second per flush: " + second);
            previousSecond = second;
        }
    }

    @Test
    void serversStartedAtDifferentTimesCutTheSameIntervals() {
        FlushSchedule first = new FlushSchedule(7_000, true, T0 + 1_234);
        FlushSchedule second = new FlushSchedule(7_000, true, T0 + 5_678);
        assertEquals(first.firstExpirationMillis(), second.firstExpirationMillis());
        assertEquals(T0 + 7_000, first.endOfFlushAt(T0 + 7_002));
        assertEquals(T0 + 7_000, second.endOfFlushAt(T0 + 6_998));
    }

    @Test
    void aPauseOverSeveralBoundariesStampsTheLastOneThatPassed() {
        FlushSchedule schedule = new FlushSchedule(10_000, true, T0 + 1);
        assertEquals(T0 + 10_000, schedule.endOfFlushAt(T0 + 10_001));
        assertEquals(T0 + 30_000, schedule.endOfFlushAt(T0 + 35_000));
        assertEquals(T0 + 40_000, schedule.endOfFlushAt(T0 + 40_001));
    }

    @Test
    void thePartialIntervalAtShutdownBelongsToTheNextBoundary() {
        FlushSchedule schedule = new FlushSchedule(10_000, true, T0 + 1);
        assertEquals(T0 + 10_000, schedule.endOfIntervalInProgress(T0 + 4_000), "before the first flush");
        schedule.endOfFlushAt(T0 + 10_001);
        assertEquals(T0 + 20_000, schedule.endOfIntervalInProgress(T0 + 10_100));
        assertEquals(T0 + 20_000, schedule.endOfIntervalInProgress(T0 + 19_999));
        assertEquals(T0 + 20_000, schedule.endOfIntervalInProgress(T0 + 20_002), "its flush had not run yet");
        assertEquals(T0 + 30_000, schedule.endOfIntervalInProgress(T0 + 31_000), "a flush was missed");
    }

    @Test
    void notAlignedTheTimerRunsFromTheStartAndAFlushIsStampedWhenItRuns() {
        FlushSchedule schedule = new FlushSchedule(10_000, false, T0 + 3_217);
        assertEquals(T0 + 13_217, schedule.firstExpirationMillis());
        assertEquals(T0 + 13_230, schedule.endOfFlushAt(T0 + 13_230));
        assertEquals(T0 + 23_230, schedule.endOfIntervalInProgress(T0 + 15_000));
    }

    @Test
    void anIntervalBelowOneMillisecondIsRefused() {
        assertEquals("intervalMillis must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new FlushSchedule(0, true, T0)).getMessage());
    }
}
