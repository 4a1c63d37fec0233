package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.control.TimerStatistics;
import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.StampedMetrics;
import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.configuration.entity.GraphiteNaming;
import io.gstatsd.graphite.entity.Namespace;
import io.gstatsd.vocabulary.control.PlainNumber;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expected texts were worked out by hand from Etsy statsd 0.9's process_metrics.js and graphite.js. */
class GraphiteFormatterTest {

    private static final long EPOCH_MILLIS = 1_700_000_000_400L;
    /** The same in both namespaces. */
    private static final String TIMERS_GAUGES_AND_SETS = """
                stats.timers.rt.count_90 9 1700000000
                stats.timers.rt.mean_90 5 1700000000
                stats.timers.rt.upper_90 9 1700000000
                stats.timers.rt.sum_90 45 1700000000
                stats.timers.rt.sum_squares_90 285 1700000000
                stats.timers.rt.std 2.8722813232690143 1700000000
                stats.timers.rt.upper 10 1700000000
                stats.timers.rt.lower 1 1700000000
                stats.timers.rt.count 20 1700000000
                stats.timers.rt.count_ps 2 1700000000
                stats.timers.rt.sum 55 1700000000
                stats.timers.rt.sum_squares 385 1700000000
                stats.timers.rt.mean 5.5 1700000000
                stats.timers.rt.median 5.5 1700000000
                stats.timers.idle.count_ps 0 1700000000
                stats.timers.idle.count 0 1700000000
                stats.gauges.temp -1.5 1700000000
                stats.sets.users.count 3 1700000000
                """;

    private static Snapshot snapshot() {
        return new Snapshot(EPOCH_MILLIS, 10_000,
                List.of(new CounterValue("hits", 25), new CounterValue("tagged;env=prod", 1)),
                List.of(new TimerSamples("rt", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 20),
                        new TimerSamples("idle", new double[0], 0)),
                List.of(new GaugeValue("temp", -1.5)),
                List.of(new SetMembers("users", new long[] {11, 22, 33})),
                3);
    }

    private static GraphiteFormatter formatter(Namespace namespace, List<Double> percents) {
        return new GraphiteFormatter(namespace, new TimerStatistics(percents), () -> 0L);
    }

    @Test
    void legacyNamespaceMatchesEtsyStatsd() {
        String expected = """
                stats.hits 2.5 1700000000
                stats_counts.hits 25 1700000000
                stats.tagged;env=prod 0.1 1700000000
                stats_counts.tagged;env=prod 1 1700000000
                """ + TIMERS_GAUGES_AND_SETS + """
                statsd.numStats 6 1700000000
                stats.statsd.graphiteStats.calculationtime 0 1700000000
                stats.statsd.processing_time 3 1700000000
                """;
        assertEquals(expected, formatter(Namespace.LEGACY, List.of(90.0)).format(snapshot()));
    }

    @Test
    void newNamespaceNamesCountersRateAndCount() {
        String expected = """
                stats.counters.hits.rate 2.5 1700000000
                stats.counters.hits.count 25 1700000000
                stats.counters.tagged.rate;env=prod 0.1 1700000000
                stats.counters.tagged.count;env=prod 1 1700000000
                """ + TIMERS_GAUGES_AND_SETS + """
                stats.statsd.numStats 6 1700000000
                stats.statsd.graphiteStats.calculationtime 0 1700000000
                stats.statsd.processing_time 3 1700000000
                """;
        assertEquals(expected, formatter(Namespace.NEW, List.of(90.0)).format(snapshot()));
    }

    @Test
    void everyPercentThresholdGetsItsFiveFiguresWithADotWrittenAsUnderscore() {
        String text = formatter(Namespace.LEGACY, List.of(50.0, 99.9)).format(snapshot());
        assertTrue(text.contains("""
                stats.timers.rt.count_50 5 1700000000
                stats.timers.rt.mean_50 3 1700000000
                stats.timers.rt.upper_50 5 1700000000
                stats.timers.rt.sum_50 15 1700000000
                stats.timers.rt.sum_squares_50 55 1700000000
                stats.timers.rt.count_99_9 10 1700000000
                stats.timers.rt.mean_99_9 5.5 1700000000
                stats.timers.rt.upper_99_9 10 1700000000
                stats.timers.rt.sum_99_9 55 1700000000
                stats.timers.rt.sum_squares_99_9 385 1700000000
                """), text);
    }

    @Test
    void aThresholdCoveringNoSampleIsLeftOut() {
        Snapshot two = new Snapshot(EPOCH_MILLIS, 10_000, List.of(),
                List.of(new TimerSamples("rt", new double[] {1, 2}, 2)), List.of(), List.of(), 0);
        String text = formatter(Namespace.LEGACY, List.of(10.0, 50.0)).format(two);
        assertTrue(!text.contains("_10 "), text);
        assertTrue(text.contains("stats.timers.rt.upper_50 1 1700000000\n"), text);
    }

    @Test
    void aSingleSampleFillsEveryThresholdWithItself() {
        Snapshot one = new Snapshot(EPOCH_MILLIS, 2_000, List.of(),
                List.of(new TimerSamples("rt", new double[] {7.25}, 10)), List.of(), List.of(), 0);
        String text = formatter(Namespace.LEGACY, List.of(90.0)).format(one);
        assertTrue(text.startsWith("""
                stats.timers.rt.count_90 1 1700000000
                stats.timers.rt.mean_90 7.25 1700000000
                stats.timers.rt.upper_90 7.25 1700000000
                stats.timers.rt.sum_90 7.25 1700000000
                stats.timers.rt.sum_squares_90 52.5625 1700000000
                stats.timers.rt.std 0 1700000000
                stats.timers.rt.upper 7.25 1700000000
                stats.timers.rt.lower 7.25 1700000000
                stats.timers.rt.count 10 1700000000
                stats.timers.rt.count_ps 5 1700000000
                """), text);
    }

    @Test
    void numbersNeverUseExponentNotation() {
        assertEquals("0.0000001", PlainNumber.format(1e-7));
        assertEquals("123456789012345680000", PlainNumber.format(1.2345678901234568e20));
        assertEquals("0.1", PlainNumber.format(0.1));
        assertEquals("-3", PlainNumber.format(-3.0));
        assertEquals("0", PlainNumber.format(-0.0));
    }

    @Test
    void aLargeFlushKeepsEveryLineInOrder() {
        List<CounterValue> counters = new java.util.ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            String key = "a.rather.long.key.name.so.that.the.text.runs.to.megabytes." + i + ".\u00e9"
                    + (i % 7 == 0 ? ";env=pr\u00f6d;n=" + i : "");
            counters.add(new CounterValue(key, i));
            expected.append("stats.").append(key).append(' ').append(PlainNumber.format(i / 10.0)).append(" 1700000000\n")
                    .append("stats_counts.").append(key).append(' ').append(i).append(" 1700000000\n");
        }
        Snapshot big = new Snapshot(EPOCH_MILLIS, 10_000, counters, List.of(), List.of(), List.of(), 3);
        GraphiteFormatter formatter = formatter(Namespace.LEGACY, List.of(90.0));
        String text = formatter.format(big);
        assertTrue(text.startsWith(expected.toString()), "the counter lines, in order, intact");
        assertEquals(2 * 60_000 + 3, text.lines().count());
        // about 10 MB: in chunks, lines running on from one to the next
        List<java.nio.ByteBuffer> chunks = formatter.formatBytes(big).chunks();
        assertTrue(chunks.size() >= 3, chunks.size() + " chunks");
        assertTrue(chunks.stream().allMatch(chunk -> chunk.remaining() <= GraphiteBytes.CHUNK_BYTES));
    }

    @Test
    void everyLineOfATaggedTimerKeepsItsNameSuffixAndTags() {
        Snapshot tagged = new Snapshot(EPOCH_MILLIS, 10_000, List.of(),
                List.of(new TimerSamples("r\u00e9q;env=pr\u00f6d;dc=x", new double[] {0.25, 0.5}, 2),
                        new TimerSamples("plain", new double[] {3}, 1)),
                List.of(), List.of(), 0);
        String text = formatter(Namespace.LEGACY, List.of(50.0)).format(tagged);
        assertEquals("""
                stats.timers.r\u00e9q.count_50;env=pr\u00f6d;dc=x 1 1700000000
                stats.timers.r\u00e9q.mean_50;env=pr\u00f6d;dc=x 0.25 1700000000
                stats.timers.r\u00e9q.upper_50;env=pr\u00f6d;dc=x 0.25 1700000000
                stats.timers.r\u00e9q.sum_50;env=pr\u00f6d;dc=x 0.25 1700000000
                stats.timers.r\u00e9q.sum_squares_50;env=pr\u00f6d;dc=x 0.0625 1700000000
                stats.timers.r\u00e9q.std;env=pr\u00f6d;dc=x 0.125 1700000000
                stats.timers.r\u00e9q.upper;env=pr\u00f6d;dc=x 0.5 1700000000
                stats.timers.r\u00e9q.lower;env=pr\u00f6d;dc=x 0.25 1700000000
                stats.timers.r\u00e9q.count;env=pr\u00f6d;dc=x 2 1700000000
                stats.timers.r\u00e9q.count_ps;env=pr\u00f6d;dc=x 0.2 1700000000
                stats.timers.r\u00e9q.sum;env=pr\u00f6d;dc=x 0.75 1700000000
                stats.timers.r\u00e9q.sum_squares;env=pr\u00f6d;dc=x 0.3125 1700000000
                stats.timers.r\u00e9q.mean;env=pr\u00f6d;dc=x 0.375 1700000000
                stats.timers.r\u00e9q.median;env=pr\u00f6d;dc=x 0.375 1700000000
                stats.timers.plain.count_50 1 1700000000
                """, text.substring(0, text.indexOf("stats.timers.plain.mean_50")));
    }

    @Test
    void clientStampedPointsFollowTheFlushEachWithItsOwnSecond() {
        Snapshot stamped = new Snapshot(EPOCH_MILLIS, 10_000, List.of(), List.of(), List.of(), List.of(), 0,
                List.of(new StampedMetrics(1_699_999_000, List.of(new CounterValue("k;env=prod", 21)), List.of(),
                                List.of(new GaugeValue("temp", 7.5)), List.of(new SetMembers("u", new long[] {1, 2}))),
                        new StampedMetrics(1_699_999_001, List.of(),
                                List.of(new TimerSamples("rt", new double[] {5, 15}, 2)), List.of(), List.of())));
        String text = formatter(Namespace.LEGACY, List.of()).format(stamped);
        assertEquals("""
                statsd.numStats 0 1700000000
                stats.statsd.graphiteStats.calculationtime 0 1700000000
                stats.statsd.processing_time 0 1700000000
                stats.k;env=prod 2.1 1699999000
                stats_counts.k;env=prod 21 1699999000
                stats.gauges.temp 7.5 1699999000
                stats.sets.u.count 2 1699999000
                stats.timers.rt.std 5 1699999001
                stats.timers.rt.upper 15 1699999001
                stats.timers.rt.lower 5 1699999001
                stats.timers.rt.count 2 1699999001
                stats.timers.rt.count_ps 0.2 1699999001
                stats.timers.rt.sum 20 1699999001
                stats.timers.rt.sum_squares 250 1699999001
                stats.timers.rt.mean 10 1699999001
                stats.timers.rt.median 10 1699999001
                """, text);
    }

    private static Snapshot tagged() {
        return new Snapshot(EPOCH_MILLIS, 10_000,
                List.of(new CounterValue("hits;env=prod", 20)),
                List.of(new TimerSamples("t", new double[0], 0)),
                List.of(new GaugeValue("g;a=b", -1.5)),
                List.of(new SetMembers("s", new long[] {1, 2, 3})),
                3);
    }

    private static GraphiteFormatter named(GraphiteNaming naming) {
        return new GraphiteFormatter(Namespace.of(naming, "ps"), new TimerStatistics(List.of(90.0)), () -> 0L);
    }

    @Test
    void outsideTheLegacyNamespaceEveryPrefixAndTheSuffixGoBeforeTheTagsAndEmptyPrefixesAreLeftOut() {
        String expected = """
                app.hits.rate.host1;env=prod 2 1700000000
                app.hits.count.host1;env=prod 20 1700000000
                app.tm.t.count_ps.host1 0 1700000000
                app.tm.t.count.host1 0 1700000000
                app.gg.g.host1;a=b -1.5 1700000000
                app.s.count.host1 3 1700000000
                app.ps.numStats.host1 4 1700000000
                app.ps.graphiteStats.calculationtime.host1 0 1700000000
                app.ps.processing_time.host1 3 1700000000
                """;
        assertEquals(expected, named(new GraphiteNaming(false, "app", "", "tm", "gg", "", "host1", true)).format(tagged()));
    }

    @Test
    void withoutAGlobalPrefixTheServersOwnFiguresStartWithPrefixStats() {
        String text = named(new GraphiteNaming(false, "", "", "timers", "gauges", "sets", "", true)).format(tagged());
        assertTrue(text.startsWith("hits.rate;env=prod 2 1700000000\nhits.count;env=prod 20 1700000000\n"), text);
        assertTrue(text.contains("\nps.numStats 4 1700000000\nps.graphiteStats.calculationtime 0 1700000000\n"), text);
    }

    @Test
    void theLegacyNamespaceIgnoresThePrefixesButNotTheSuffixAndFlushCountsFalseDropsTheCounts() {
        String expected = """
                stats.hits.host1;env=prod 2 1700000000
                stats.timers.t.count_ps.host1 0 1700000000
                stats.timers.t.count.host1 0 1700000000
                stats.gauges.g.host1;a=b -1.5 1700000000
                stats.sets.s.count.host1 3 1700000000
                ps.numStats.host1 4 1700000000
                stats.ps.graphiteStats.calculationtime.host1 0 1700000000
                stats.ps.processing_time.host1 3 1700000000
                """;
        assertEquals(expected, named(new GraphiteNaming(true, "app", "", "tm", "gg", "", "host1", false)).format(tagged()));
    }

    @Test
    void flushCountsFalseLeavesOnlyTheRateOutsideTheLegacyNamespace() {
        String text = named(new GraphiteNaming(false, "stats", "counters", "timers", "gauges", "sets", "", false))
                .format(tagged());
        assertTrue(text.startsWith("stats.counters.hits.rate;env=prod 2 1700000000\nstats.timers.t.count_ps"), text);
    }

    @Test
    void rawKeysAreSanitisedInTheNameButNotInTheirTags() {
        Snapshot raw = new Snapshot(EPOCH_MILLIS, 10_000, List.of(new CounterValue("a b/c!;t=\u00e9", 10),
                new CounterValue("a_b-c", 20)), List.of(), List.of(), List.of(), 0);
        String text = new GraphiteFormatter(Namespace.LEGACY, new TimerStatistics(List.of()), () -> 0L, true).format(raw);
        assertTrue(text.startsWith("""
                stats.a_b-c;t=\u00e9 1 1700000000
                stats_counts.a_b-c;t=\u00e9 10 1700000000
                stats.a_b-c 2 1700000000
                stats_counts.a_b-c 20 1700000000
                """), text);
    }
}
