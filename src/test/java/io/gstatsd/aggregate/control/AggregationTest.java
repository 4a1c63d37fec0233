package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.ServerTotals;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.ingest.control.LineParser;
import io.gstatsd.vocabulary.entity.BadLine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static io.gstatsd.aggregate.control.SnapshotMaps.counters;
import static io.gstatsd.aggregate.control.SnapshotMaps.gauges;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AggregationTest {

    private static final long T0 = 1_700_000_000_000L;
    private final LineParser parser = new LineParser();

    private Aggregation aggregation(boolean deleteIdle, String prefix, int maxKeys) {
        return new Aggregation(KeyRegistries.withMaxKeys(maxKeys), prefix, deleteIdle, 10_000, () -> 0L);
    }

    private void send(ShardPair pair, String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        pair.write(parser, bytes, 0, bytes.length);
    }

    @Test
    void sampledCounterIsScaledByInverseRate() {
        Aggregation aggregation = aggregation(false, "", 100);
        ShardPair pair = aggregation.newShardPair();
        send(pair, "hits:1|c|@0.1\nhits:2|c\nhits:1|c|@0.5");
        assertEquals(1 / 0.1 + 2 + 2, counters(aggregation.drain(T0)).get("hits"), 1e-9);
    }

    @Test
    void aGaugeCarriesWhenItsLastLineArrivedOnTheWallClock() {
        long[] nanos = {1_000_000_000L};
        Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(100), "", false, 10_000, () -> nanos[0]);
        ShardPair pair = aggregation.newShardPair();
        send(pair, "temp:1|g");
        nanos[0] += 300_000_000L;
        send(pair, "temp:+2|g\nother:5|g");
        nanos[0] += 200_000_000L;
        send(pair, "unrelated:1|c");
        nanos[0] += 500_000_000L;   // the drain: 700 ms after the last lines of temp and other
        long before = System.currentTimeMillis();
        Snapshot snapshot = aggregation.drain(T0);
        long after = System.currentTimeMillis();
        Map<String, GaugeValue> gauges = snapshot.gauges().stream().collect(Collectors.toMap(GaugeValue::name, g -> g));
        assertEquals(3, gauges.get("temp").value());
        assertTrue(gauges.get("temp").receivedMillis() >= before - 700 && gauges.get("temp").receivedMillis() <= after - 700,
                gauges.toString());
        assertTrue(gauges.get("other").receivedMillis() >= before - 700 && gauges.get("other").receivedMillis() <= after - 700);
        nanos[0] += 10_000_000_000L;
        before = System.currentTimeMillis();
        Snapshot idle = aggregation.drain(T0 + 10_000);
        after = System.currentTimeMillis();
        long idleReceived = idle.gauges().stream().filter(g -> g.name().equals("temp")).findFirst().orElseThrow()
                .receivedMillis();
        assertTrue(idleReceived >= before - 10_700 && idleReceived <= after - 10_700,
                "an idle gauge keeps the time of its last line: " + idleReceived);
    }

    @Test
    void countersFromSeveralReceiversAreSummed() {
        Aggregation aggregation = aggregation(false, "", 100);
        ShardPair first = aggregation.newShardPair();
        ShardPair second = aggregation.newShardPair();
        send(first, "hits:3|c");
        send(second, "hits:4|c\nother:1|c");
        Map<String, Double> counters = counters(aggregation.drain(T0));
        assertEquals(7, counters.get("hits"));
        assertEquals(1, counters.get("other"));
        assertEquals(2, counters.get(Aggregation.PACKETS_RECEIVED));
        assertEquals(3, counters.get(Aggregation.METRICS_RECEIVED));
    }

    @Test
    void kernelDropsAreReportedFromTheFirstFlushOnAsTheyGrow() {
        Aggregation aggregation = aggregation(false, "", 100);
        long[] drops = {5};
        aggregation.addDropSource(() -> drops[0]);
        drops[0] = 12;
        assertEquals(7, counters(aggregation.drain(T0)).get(Aggregation.KERNEL_DROPS), "lost before the first flush");
        assertEquals(0, counters(aggregation.drain(T0 + 10_000)).get(Aggregation.KERNEL_DROPS));
        drops[0] = 40;
        assertEquals(28, counters(aggregation.drain(T0 + 20_000)).get(Aggregation.KERNEL_DROPS));
    }

    @Test
    void keysThatSanitiseAlikeAreOneKey() {
        Aggregation aggregation = aggregation(false, "", 100);
        ShardPair pair = aggregation.newShardPair();
        send(pair, "a b:1|c\na  b:2|c\na!b:4|c");
        Map<String, Double> counters = counters(aggregation.drain(T0));
        assertEquals(3, counters.get("a_b"));
        assertEquals(4, counters.get("ab"));
    }

    @Test
    void prefixIsPrependedToEveryReceivedKeyButNotToInternalCounters() {
        Aggregation aggregation = aggregation(false, "app", 100);
        send(aggregation.newShardPair(), "hits:1|c");
        Map<String, Double> counters = counters(aggregation.drain(T0));
        assertEquals(1, counters.get("app.hits"));
        assertEquals(1, counters.get(Aggregation.PACKETS_RECEIVED));
        assertNull(counters.get("hits"));
    }

    @Test
    void idleCounterTimerAndSetAreSentAsZeroAndGaugeKeepsItsValue() {
        Aggregation aggregation = aggregation(false, "", 100);
        ShardPair pair = aggregation.newShardPair();
        send(pair, "c:5|c\nt:10|ms\ng:7|g\ns:x|s");
        aggregation.drain(T0);
        Snapshot idle = aggregation.drain(T0 + 10_000);
        assertEquals(0, counters(idle).get("c"));
        TimerSamples timer = idle.timers().get(0);
        assertTrue(timer.idle());
        assertEquals(0, timer.weightedCount());
        assertEquals(7, gauges(idle).get("g"));
        assertEquals(0, idle.sets().get(0).count());
    }

    @Test
    void deleteIdleSendsNothingForIdleKeys() {
        Aggregation aggregation = aggregation(true, "", 100);
        ShardPair pair = aggregation.newShardPair();
        send(pair, "c:5|c\nt:10|ms\ng:7|g\ns:x|s");
        aggregation.drain(T0);
        Snapshot idle = aggregation.drain(T0 + 10_000);
        assertFalse(counters(idle).containsKey("c"));
        assertEquals(0, idle.timers().size());
        assertFalse(gauges(idle).containsKey("g"));
        assertEquals(0, idle.sets().size());
        assertTrue(counters(idle).containsKey(Aggregation.BAD_LINES_SEEN), "internal counters are always sent");
    }

    @Test
    void gaugeDeltasApplyToTheLastValueAcrossIntervals() {
        Aggregation aggregation = aggregation(false, "", 100);
        ShardPair pair = aggregation.newShardPair();
        send(pair, "g:10|g\ng:+5|g\ng:-2|g");
        assertEquals(13, gauges(aggregation.drain(T0)).get("g"));
        send(pair, "g:+7|g");
        assertEquals(20, gauges(aggregation.drain(T0 + 10_000)).get("g"));
        send(pair, "g:+1|g\ng:3|g\ng:+1|g");
        assertEquals(4, gauges(aggregation.drain(T0 + 20_000)).get("g"));
    }

    @Test
    void gaugeDeltaOnANewGaugeStartsFromZero() {
        Aggregation aggregation = aggregation(false, "", 100);
        send(aggregation.newShardPair(), "g:-3|g");
        assertEquals(-3, gauges(aggregation.drain(T0)).get("g"));
    }

    @Test
    void timerSamplesFromSeveralReceiversAreMergedAndSorted() {
        Aggregation aggregation = aggregation(false, "", 100);
        ShardPair first = aggregation.newShardPair();
        ShardPair second = aggregation.newShardPair();
        send(first, "t:30|ms\nt:10|ms|@0.5");
        send(second, "t:20|ms");
        TimerSamples timer = aggregation.drain(T0).timers().get(0);
        assertArrayEquals(new double[] {10, 20, 30}, timer.sortedValues());
        assertEquals(1 + 2 + 1, timer.weightedCount());
    }

    @Test
    void setCountsDistinctMembersAcrossReceivers() {
        Aggregation aggregation = aggregation(false, "", 100);
        ShardPair first = aggregation.newShardPair();
        ShardPair second = aggregation.newShardPair();
        send(first, "u:alice|s\nu:bob|s\nu:alice|s");
        send(second, "u:bob|s\nu:carol|s\nu:|s\nu:0|s");
        SetMembers set = aggregation.drain(T0).sets().get(0);
        assertEquals(4, set.count(), "alice, bob, carol and \"0\" (an empty member is stored as \"0\")");
    }

    @Test
    void badLinesAreCountedInTheInterval() {
        Aggregation aggregation = aggregation(false, "", 100);
        send(aggregation.newShardPair(), "ok:1|c\nbad\nworse:x|c\n!!!:1|c");
        Map<String, Double> counters = counters(aggregation.drain(T0));
        assertEquals(3, counters.get(Aggregation.BAD_LINES_SEEN));
        assertEquals(1, counters.get("ok"));
    }

    @Test
    void theTotalsSinceStartUpGrowAtEachFlushWithBadLinesByReason() {
        Aggregation aggregation = aggregation(false, "", 2);
        long[] drops = {5};
        aggregation.addDropSource(() -> drops[0]);
        ShardPair pair = aggregation.newShardPair();
        send(pair, "ok:1|c\nbad\nworse:x|c\nnew:1|c\nnewer:1|ms");
        send(pair, "ok:1|c|@0");
        ServerTotals before = aggregation.totals();
        assertEquals(0, before.packets(), "the receivers' shards are read only by a flush");
        drops[0] = 9;
        aggregation.drain(T0);
        send(pair, "ok:2|c\nnope:1");
        aggregation.drain(T0 + 10_000);
        ServerTotals totals = aggregation.totals();
        assertEquals(3, totals.packets());
        assertEquals(8, totals.lines());
        assertEquals(1, totals.badLines(BadLine.NO_VALUE));
        assertEquals(1, totals.badLines(BadLine.BAD_VALUE));
        assertEquals(1, totals.badLines(BadLine.NO_TYPE));
        assertEquals(0, totals.badLines(BadLine.EMPTY_KEY));
        assertEquals(1, totals.badLines(BadLine.BAD_SAMPLE_RATE));
        assertFalse(totals.badLines().containsKey(BadLine.TOO_MANY_KEYS), "counted as keys over the limit instead");
        assertEquals(1, totals.keysOverLimit());
        assertEquals(4, totals.kernelDrops());
        assertEquals(2, totals.keysLive());
        assertEquals(2, totals.maxKeys());
    }

    @Test
    void aGaugeSaysWhetherALineWroteItInTheInterval() {
        Aggregation aggregation = aggregation(false, "", 100);
        ShardPair pair = aggregation.newShardPair();
        send(pair, "g:7|g");
        assertTrue(aggregation.drain(T0).gauges().stream().filter(g -> g.name().equals("g")).findFirst().orElseThrow().written());
        assertFalse(aggregation.drain(T0 + 10_000).gauges().stream().filter(g -> g.name().equals("g")).findFirst()
                .orElseThrow().written(), "idle: re-sent with its value");
        send(pair, "g:+1|g");
        assertTrue(aggregation.drain(T0 + 20_000).gauges().stream().filter(g -> g.name().equals("g")).findFirst()
                .orElseThrow().written());
    }

    @Test
    void newKeysBeyondTheLimitAreDroppedAndCountedWhileKnownKeysKeepCounting() {
        Aggregation aggregation = aggregation(false, "", 2);
        ShardPair pair = aggregation.newShardPair();
        send(pair, "a:1|c\nb:1|ms\nc:1|c\nd:1|g\na:1|c");
        Snapshot snapshot = aggregation.drain(T0);
        Map<String, Double> counters = counters(snapshot);
        assertEquals(2, counters.get("a"));
        assertFalse(counters.containsKey("c"));
        assertEquals(2, counters.get(Aggregation.KEYS_OVER_LIMIT));
        assertEquals(0, counters.get(Aggregation.BAD_LINES_SEEN));
    }

    @Test
    void timestampLagGaugeAppearsFromTheSecondFlush() {
        Aggregation aggregation = aggregation(false, "", 100);
        aggregation.newShardPair();
        assertFalse(gauges(aggregation.drain(T0)).containsKey(Aggregation.TIMESTAMP_LAG));
        assertEquals(2, gauges(aggregation.drain(T0 + 12_000)).get(Aggregation.TIMESTAMP_LAG));
    }

    @Test
    void aDrainDuringConcurrentWritesLosesNoCount() throws InterruptedException {
        Aggregation aggregation = aggregation(false, "", 1000);
        ShardPair pair = aggregation.newShardPair();
        byte[] datagram = "hits:1|c\nhits:1|c".getBytes(StandardCharsets.UTF_8);
        int datagrams = 200_000;
        Thread writer = new Thread(() -> {
            LineParser own = new LineParser();
            for (int i = 0; i < datagrams; i++) {
                pair.write(own, datagram, 0, datagram.length);
            }
        });
        writer.start();
        double total = 0;
        while (writer.isAlive()) {
            total += counters(aggregation.drain(T0)).getOrDefault("hits", 0.0);
        }
        writer.join();
        total += counters(aggregation.drain(T0)).getOrDefault("hits", 0.0);
        assertEquals(2.0 * datagrams, total);
    }
}
