package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.StampedMetrics;
import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.configuration.entity.TagMode;
import io.gstatsd.ingest.control.LineParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.gstatsd.aggregate.control.SnapshotMaps.counters;
import static io.gstatsd.aggregate.control.SnapshotMaps.gauges;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Tags of every dialect counted under one canonical key, and the points clients stamp with their own second. */
class ClientDialectAggregationTest {

    private static final long T0 = 1_700_000_000_000L;
    private final LineParser parser = new LineParser();

    private static Aggregation aggregation(TagMode tagMode, boolean deleteIdle) {
        return new Aggregation(KeyRegistries.withMaxKeys(1000), "", tagMode, deleteIdle, 0, 10_000, () -> 0L);
    }

    private void send(ShardPair pair, String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        pair.write(parser, bytes, 0, bytes.length);
    }

    private static final String EVERY_SPELLING = String.join("\n",
            "api.hits,env=prod,region=eu:1|c",
            "api.hits#region=eu,env=prod:2|c",
            "api.hits:4|c|#region:eu,env:prod",
            "api.hits;env=prod;region=eu:8|c",
            "api.hits,region=eu:16|c|#env:prod");

    @Test
    void everySpellingOfATaggedSeriesCountsUnderOneSortedGraphiteName() {
        Aggregation aggregation = aggregation(TagMode.GRAPHITE, false);
        send(aggregation.newShardPair(), EVERY_SPELLING);
        Map<String, Double> counters = counters(aggregation.drain(T0).counters());
        assertEquals(31, counters.get("api.hits;env=prod;region=eu"));
        assertEquals(1, counters.keySet().stream().filter(name -> name.startsWith("api.hits")).count(), counters.toString());
    }

    @Test
    void droppedTagsCountUnderTheNameAlone() {
        Aggregation aggregation = aggregation(TagMode.DROP, false);
        send(aggregation.newShardPair(), EVERY_SPELLING + "\napi.hits:32|c\napi.hits:64|c|#env:dev");
        assertEquals(127, counters(aggregation.drain(T0).counters()).get("api.hits"));
    }

    @Test
    void tagsFoldedIntoTheNameKeepEachSeriesApart() {
        Aggregation aggregation = aggregation(TagMode.NAME, false);
        send(aggregation.newShardPair(), EVERY_SPELLING + "\napi.hits:32|c\napi.hits:64|c|#env:dev,host:web1.example.com");
        Map<String, Double> counters = counters(aggregation.drain(T0).counters());
        assertEquals(31, counters.get("api.hits.env_prod.region_eu"));
        assertEquals(32, counters.get("api.hits"));
        assertEquals(64, counters.get("api.hits.env_dev.host_web1_example_com"));
    }

    @Test
    void unknownFieldsAreCountedAndTheirMetricsKept() {
        Aggregation aggregation = aggregation(TagMode.GRAPHITE, false);
        send(aggregation.newShardPair(), "k:1|c|x9|#a:b\nk:2|c|c:abc123|card:low|e:it-false\nk:4|c|Tsoon|zz");
        Map<String, Double> counters = counters(aggregation.drain(T0).counters());
        assertEquals(7, counters.get("k;a=b") + counters.get("k"));
        assertEquals(3, counters.get(Aggregation.UNKNOWN_FIELDS));
        assertEquals(0, counters.get(Aggregation.BAD_LINES_SEEN));
    }

    @Test
    void aStampedCounterIsItsOwnPointAtItsSecondNotTheInterval() {
        Aggregation aggregation = aggregation(TagMode.GRAPHITE, false);
        ShardPair first = aggregation.newShardPair();
        ShardPair second = aggregation.newShardPair();
        send(first, "k:7|c|T1699999000|#env:prod\nk:1|c|#env:prod\nk:2|c|@0.5|T1699999000|#env:prod");
        send(second, "k:10|c|T1699999000|#env:prod\nk:100|c|T1699998000|#env:prod");
        Snapshot snapshot = aggregation.drain(T0);
        assertEquals(1, counters(snapshot.counters()).get("k;env=prod"), "the interval holds only the unstamped line");
        assertEquals(List.of(1699998000L, 1699999000L), snapshot.stamped().stream().map(StampedMetrics::epochSeconds).toList());
        assertEquals(Map.of("k;env=prod", 100.0), counters(snapshot.stamped().get(0).counters()));
        assertEquals(Map.of("k;env=prod", 21.0), counters(snapshot.stamped().get(1).counters()));
    }

    @Test
    void manyStampedPointsOfEveryTypeGrowTheirTablesWithoutLosingOne() {
        Aggregation aggregation = aggregation(TagMode.GRAPHITE, false);
        ShardPair pair = aggregation.newShardPair();
        StringBuilder datagram = new StringBuilder();
        for (int key = 0; key < 200; key++) {   // 800 keys: within max-keys 1000
            datagram.append("c").append(key).append(":2|c|T1699999000\nc").append(key).append(":3|c|T1699999001\n")
                    .append("t").append(key).append(":5|ms|T1699999000\ng").append(key).append(":7|g|T1699999000\n")
                    .append("s").append(key).append(":m|s|T1699999000\n");
            if (datagram.length() > 8000) {
                send(pair, datagram.toString());
                datagram.setLength(0);
            }
        }
        send(pair, datagram.toString());
        List<StampedMetrics> stamped = aggregation.drain(T0).stamped();
        assertEquals(400.0, stamped.get(0).counters().stream().mapToDouble(CounterValue::value).sum());
        assertEquals(600.0, stamped.get(1).counters().stream().mapToDouble(CounterValue::value).sum());
        assertEquals(200, stamped.get(0).timers().size());
        assertEquals(1400.0, stamped.get(0).gauges().stream().mapToDouble(GaugeValue::value).sum());
        assertEquals(200, stamped.get(0).sets().stream().mapToInt(s -> s.count()).sum());
    }

    @Test
    void aKeyOnlyEverStampedIsNotSentAsIdleInLaterIntervals() {
        Aggregation aggregation = aggregation(TagMode.GRAPHITE, false);
        send(aggregation.newShardPair(), "stamped.only:5|c|T1699999000\nstamped.rt:5|ms|T1699999000");
        Snapshot first = aggregation.drain(T0);
        assertNull(counters(first.counters()).get("stamped.only"));
        assertEquals(List.of(), first.timers());
        Snapshot second = aggregation.drain(T0 + 10_000);
        assertEquals(List.of(), second.stamped());
        assertNull(counters(second.counters()).get("stamped.only"));
        assertEquals(List.of(), second.timers());
    }

    @Test
    void stampedTimerSamplesOfOneSecondAreGatheredFromEveryReceiverAndSorted() {
        Aggregation aggregation = aggregation(TagMode.GRAPHITE, false);
        ShardPair first = aggregation.newShardPair();
        ShardPair second = aggregation.newShardPair();
        send(first, "rt:30|d|T1699999000\nrt:10|ms|T1699999000|@0.5");
        send(second, "rt:20:5|d|T1699999000");
        TimerSamples timer = aggregation.drain(T0).stamped().get(0).timers().get(0);
        assertEquals("rt", timer.name());
        assertArrayEquals(new double[] {5, 10, 20, 30}, timer.sortedValues());
        assertEquals(5, timer.weightedCount());
    }

    @Test
    void aStampedGaugeIsSetOrChangedAtItsSecondAndLeavesTheCurrentValueAlone() {
        Aggregation aggregation = aggregation(TagMode.GRAPHITE, false);
        send(aggregation.newShardPair(), "temp:20|g\ntemp:5.5|g|T1699999000\ntemp:+2|g|T1699999000\ntemp:-1|g|T1699998000");
        Snapshot snapshot = aggregation.drain(T0);
        assertEquals(20, gauges(snapshot.gauges()).get("temp"));
        assertEquals(Map.of("temp", -1.0), gauges(snapshot.stamped().get(0).gauges()));
        assertEquals(Map.of("temp", 7.5), gauges(snapshot.stamped().get(1).gauges()));
    }

    @Test
    void stampedSetMembersAreCountedOncePerSecond() {
        Aggregation aggregation = aggregation(TagMode.GRAPHITE, false);
        ShardPair first = aggregation.newShardPair();
        ShardPair second = aggregation.newShardPair();
        send(first, "u:a|s|T1699999000\nu:b|s|T1699999000");
        send(second, "u:b|s|T1699999000\nu:c|s|T1699999000\nu:a|s");
        Snapshot snapshot = aggregation.drain(T0);
        assertEquals(3, snapshot.stamped().get(0).sets().get(0).count());
        assertEquals(1, snapshot.sets().get(0).count());
    }

    @Test
    void stampedPointsAreForgottenAfterTheirFlushAndTheirBuffersReused() {
        Aggregation aggregation = aggregation(TagMode.GRAPHITE, false);
        ShardPair pair = aggregation.newShardPair();
        for (int interval = 0; interval < 3; interval++) {
            send(pair, "rt:1|ms|T1699999000\nrt:2|ms|T1699999001\nu:x|s|T1699999000");
            Snapshot snapshot = aggregation.drain(T0 + interval * 10_000L);
            assertEquals(2, snapshot.stamped().size());
            assertArrayEquals(new double[] {1}, snapshot.stamped().get(0).timers().get(0).sortedValues());
            assertEquals(1, snapshot.stamped().get(0).sets().get(0).count());
        }
        assertFalse(aggregation.drain(T0 + 40_000).stamped().iterator().hasNext());
    }

    @Test
    void stampedKeysTakeFromTheSameKeyBudget() {
        Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(2), "", TagMode.GRAPHITE, false, 0, 10_000, () -> 0L);
        send(aggregation.newShardPair(), "a:1|c\nb:1|c|T1699999000\nc:1|c|T1699999000");
        Snapshot snapshot = aggregation.drain(T0);
        assertEquals(Map.of("b", 1.0), counters(snapshot.stamped().get(0).counters()));
        assertEquals(1, counters(snapshot.counters()).get(Aggregation.KEYS_OVER_LIMIT));
    }

    @Test
    void aStampedKeyGivesItsPlaceBackOnceAnIntervalHasNoneOfItsPoints() {
        Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(1), "", TagMode.GRAPHITE, false, 0, 10_000, () -> 0L);
        ShardPair pair = aggregation.newShardPair();
        send(pair, "b:1|c|T1699999000");
        assertEquals(Map.of("b", 1.0), counters(aggregation.drain(T0).stamped().get(0).counters()));
        aggregation.drain(T0 + 10_000);
        send(pair, "a:5|c");
        Map<String, Double> counters = counters(aggregation.drain(T0 + 20_000).counters());
        assertEquals(5, counters.get("a"));
        assertEquals(0, counters.get(Aggregation.KEYS_OVER_LIMIT), "a took the place b gave back");
        send(pair, "b:2|c|T1699999000");
        Snapshot full = aggregation.drain(T0 + 30_000);
        assertEquals(List.of(), full.stamped(), "the budget is spent by a");
        assertEquals(1, counters(full.counters()).get(Aggregation.KEYS_OVER_LIMIT));
    }
}
