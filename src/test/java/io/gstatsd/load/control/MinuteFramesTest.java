package io.gstatsd.load.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.load.entity.KeyIndex;
import io.gstatsd.load.entity.LoadAnswer;
import io.gstatsd.load.entity.MetricKind;
import io.gstatsd.load.entity.MinuteSeries;
import io.gstatsd.load.entity.WindowSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MinuteFramesTest {

    /** A wall-clock minute boundary: 1_700_000_040 is divisible by 60. */
    private static final long MINUTE = 1_700_000_040_000L;

    private final MinuteFrames frames = new MinuteFrames(new LoadFormatter(List.of(90.0)), MINUTE);

    private static Snapshot counter(long epochMillis, double count) {
        return new Snapshot(epochMillis, 10_000, List.of(new CounterValue("hits", count)), List.of(), List.of(),
                List.of(), 0);
    }

    private static final WindowSpec ONE = new WindowSpec(1, false);
    private static final WindowSpec ONE_FULL = new WindowSpec(1, true);
    private static final WindowSpec FIVE = new WindowSpec(5, false);
    private static final WindowSpec FIVE_FULL = new WindowSpec(5, true);
    private static final WindowSpec FIFTEEN = new WindowSpec(15, false);
    private static final WindowSpec FIFTEEN_FULL = new WindowSpec(15, true);

    @Test
    void flushesOfTheCurrentMinuteAddUpInThePartialWindow() {
        frames.add(counter(MINUTE + 10_000, 5));
        Map<WindowSpec, LoadAnswer> answers = frames.add(counter(MINUTE + 20_000, 7));
        LoadAnswer one = answers.get(ONE);
        assertEquals(12, one.figures().get("stats_counts.hits"));
        assertEquals(12 / 20.0, one.figures().get("stats.hits"), 1e-12, "rate over the 20 s covered so far");
        assertEquals(MINUTE / 1000, one.startSeconds());
        assertEquals(MINUTE / 1000 + 20, one.endSeconds());
        assertFalse(answers.get(ONE_FULL).figures().containsKey("stats_counts.hits"), "no complete minute yet");
    }

    @Test
    void aNewMinuteCompletesTheFrameForTheFullWindow() {
        frames.add(counter(MINUTE + 10_000, 5));
        frames.add(counter(MINUTE + 50_000, 1));
        Map<WindowSpec, LoadAnswer> answers = frames.add(counter(MINUTE + 70_000, 3));
        assertEquals(6, answers.get(ONE_FULL).figures().get("stats_counts.hits"));
        assertEquals(0.1, answers.get(ONE_FULL).figures().get("stats.hits"), 1e-12, "6 in 60 s");
        assertEquals(MINUTE / 1000, answers.get(ONE_FULL).startSeconds());
        assertEquals(MINUTE / 1000 + 60, answers.get(ONE_FULL).endSeconds());
        assertEquals(3, answers.get(ONE).figures().get("stats_counts.hits"));
        assertEquals(9, answers.get(FIVE).figures().get("stats_counts.hits"));
    }

    @Test
    void windowsCoverTheirMinutesOnlyAndOldFramesAreForgotten() {
        Map<WindowSpec, LoadAnswer> answers = Map.of();
        for (long minute = 0; minute < 20; minute++) {
            answers = frames.add(counter(MINUTE + minute * 60_000 + 30_000, minute));
        }
        long current = 19;
        assertEquals(current, answers.get(ONE).figures().get("stats_counts.hits"));
        assertEquals(LongStream.rangeClosed(current - 4, current).sum(), answers.get(FIVE).figures().get("stats_counts.hits"));
        assertEquals(LongStream.rangeClosed(current - 14, current).sum(), answers.get(FIFTEEN).figures().get("stats_counts.hits"));
        assertEquals(current - 1, answers.get(ONE_FULL).figures().get("stats_counts.hits"));
        assertEquals(LongStream.rangeClosed(current - 5, current - 1).sum(), answers.get(FIVE_FULL).figures().get("stats_counts.hits"));
        assertEquals(LongStream.rangeClosed(current - 15, current - 1).sum(), answers.get(FIFTEEN_FULL).figures().get("stats_counts.hits"));
        assertEquals(15, frames.completeMinutes().size());
    }

    @Test
    void aMinuteWithoutFlushesCountsAsEmpty() {
        frames.add(counter(MINUTE + 30_000, 4));
        Map<WindowSpec, LoadAnswer> answers = frames.add(counter(MINUTE + 3 * 60_000 + 30_000, 1));
        assertFalse(answers.get(ONE_FULL).figures().containsKey("stats_counts.hits"), "the minute before was idle");
        assertEquals(5, answers.get(FIVE).figures().get("stats_counts.hits"));
    }

    @Test
    void timerFiguresComeFromTheMergedSketches() {
        double[] first = LongStream.rangeClosed(1, 50).asDoubleStream().toArray();
        double[] second = LongStream.rangeClosed(51, 100).asDoubleStream().toArray();
        frames.add(new Snapshot(MINUTE + 10_000, 10_000, List.of(),
                List.of(new TimerSamples("rt", first, 100)), List.of(), List.of(), 0));
        Map<WindowSpec, LoadAnswer> answers = frames.add(new Snapshot(MINUTE + 70_000, 10_000, List.of(),
                List.of(new TimerSamples("rt", second, 50)), List.of(), List.of(), 0));
        Map<String, Double> five = answers.get(FIVE).figures();
        assertEquals(150, five.get("stats.timers.rt.count"), "weighted counts add up");
        assertEquals(1, five.get("stats.timers.rt.lower"));
        assertEquals(100, five.get("stats.timers.rt.upper"));
        assertEquals(50.5, five.get("stats.timers.rt.mean"), 1e-9);
        assertEquals(5050, five.get("stats.timers.rt.sum"));
        assertEquals(90, five.get("stats.timers.rt.upper_90"), 1.0, "exact below the sketch's capacity");
    }

    @Test
    void gaugesReportLastLowerUpperAndMeanOfTheirFlushedValues() {
        for (double value : new double[] {5, 1, 9, 3}) {
            frames.add(new Snapshot(MINUTE + 10_000, 10_000, List.of(), List.of(),
                    List.of(new GaugeValue("temp", value)), List.of(), 0));
        }
        Map<String, Double> one = frames.add(new Snapshot(MINUTE + 20_000, 10_000, List.of(), List.of(),
                List.of(new GaugeValue("temp", 2)), List.of(), 0)).get(ONE).figures();
        assertEquals(2, one.get("stats.gauges.temp.last"));
        assertEquals(1, one.get("stats.gauges.temp.lower"));
        assertEquals(9, one.get("stats.gauges.temp.upper"));
        assertEquals(4, one.get("stats.gauges.temp.mean"));
    }

    @Test
    void setCountsDistinctMembersAcrossFrames() {
        frames.add(new Snapshot(MINUTE + 10_000, 10_000, List.of(), List.of(), List.of(),
                List.of(new SetMembers("users", LongStream.range(0, 1000).toArray())), 0));
        Map<WindowSpec, LoadAnswer> answers = frames.add(new Snapshot(MINUTE + 70_000, 10_000, List.of(), List.of(),
                List.of(), List.of(new SetMembers("users", LongStream.range(500, 1500).toArray())), 0));
        double distinct = answers.get(FIVE).figures().get("stats.sets.users.count");
        assertEquals(1500, distinct, 1500 * 0.05, "HLL estimate within 5%");
        assertTrue(answers.get(ONE).figures().get("stats.sets.users.count") < 1100);
    }

    @Test
    void theSeriesHasAValuePerMinuteForTheFifteenMinutesOfTheWindow() {
        for (long minute = 0; minute < 20; minute++) {
            frames.add(counter(MINUTE + minute * 60_000 + 10_000, minute));
            frames.add(counter(MINUTE + minute * 60_000 + 40_000, 100));
        }
        MinuteSeries series = frames.series();
        assertEquals(MINUTE / 1000 + 5 * 60, series.firstMinuteSeconds());
        double[] expected = LongStream.rangeClosed(5, 19).mapToDouble(minute -> minute + 100).toArray();
        assertArrayEquals(expected, series.of(MetricKind.COUNTER, "hits"));
    }

    @Test
    void aMinuteWithoutAFlushHasNoValueAndACountedKeyWithoutALineHasZero() {
        frames.add(new Snapshot(MINUTE + 10_000, 10_000, List.of(), List.of(new TimerSamples("rt", new double[] {1}, 1)),
                List.of(new GaugeValue("temp", 4)), List.of(), 0));
        frames.add(new Snapshot(MINUTE + 2 * 60_000 + 10_000, 10_000, List.of(), List.of(),
                List.of(), List.of(), 0));
        MinuteSeries series = frames.series();
        double[] timer = series.of(MetricKind.TIMER, "rt");
        assertArrayEquals(new double[] {1, Double.NaN, 0}, new double[] {timer[12], timer[13], timer[14]});
        assertTrue(Double.isNaN(timer[11]), "before the server started");
        double[] gauge = series.of(MetricKind.GAUGE, "temp");
        assertArrayEquals(new double[] {4, Double.NaN, Double.NaN}, new double[] {gauge[12], gauge[13], gauge[14]});
    }

    @Test
    void theSeriesKeysAreTheKeysOfTheFifteenMinuteWindow() {
        frames.add(new Snapshot(MINUTE + 10_000, 10_000, List.of(new CounterValue("gone", 1)), List.of(), List.of(),
                List.of(new SetMembers("users", new long[] {1})), 0));
        frames.add(counter(MINUTE + 60_000 + 10_000, 1));
        assertEquals(List.of(new KeyIndex.Row("gone", MetricKind.COUNTER), new KeyIndex.Row("hits", MetricKind.COUNTER),
                new KeyIndex.Row("users", MetricKind.SET)), frames.series().keys().rowsStartingWith("", 10));
        Map<WindowSpec, LoadAnswer> answers = frames.add(counter(MINUTE + 14 * 60_000 + 10_000, 1));
        assertEquals(List.of(new KeyIndex.Row("gone", MetricKind.COUNTER), new KeyIndex.Row("hits", MetricKind.COUNTER),
                new KeyIndex.Row("users", MetricKind.SET)), frames.series().keys().rowsStartingWith("", 10),
                "the minute 14 minutes back is still in");
        assertTrue(answers.get(FIFTEEN).figures().containsKey("stats_counts.gone"));
        answers = frames.add(counter(MINUTE + 15 * 60_000 + 10_000, 1));
        assertEquals(List.of(new KeyIndex.Row("hits", MetricKind.COUNTER)), frames.series().keys().rowsStartingWith("", 10));
        assertFalse(answers.get(FIFTEEN).figures().containsKey("stats_counts.gone"));
    }
}
