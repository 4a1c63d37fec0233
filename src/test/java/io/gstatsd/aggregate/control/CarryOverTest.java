package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.KeyActivity;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.ingest.control.LineParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static io.gstatsd.aggregate.control.SnapshotMaps.counters;
import static io.gstatsd.aggregate.control.SnapshotMaps.gauges;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Aggregation#carryOver}: a new process taking over the last snapshot of the one before it. */
class CarryOverTest {

    private static final long T0 = 1_700_000_000_000L;

    private static Aggregation aggregation(boolean deleteIdle, String prefix, int maxKeys) {
        return new Aggregation(KeyRegistries.withMaxKeys(maxKeys), prefix, deleteIdle, 10_000, () -> 0L);
    }

    /** What a stopping server saves: its last snapshot and when its keys were last active. */
    private record Saved(Snapshot snapshot, KeyActivity activity) {

        static Saved of(Aggregation stopping, long endMillis) {
            Snapshot snapshot = stopping.drain(endMillis);
            return new Saved(snapshot, stopping.keyActivity());
        }

        int into(Aggregation starting, boolean intoThisInterval) {
            return starting.carryOver(snapshot, activity, intoThisInterval);
        }
    }

    private static void send(ShardPair pair, String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        pair.write(new LineParser(), bytes, 0, bytes.length);
    }

    /** A partial interval with an idle key of each type. */
    private static Saved saved(boolean deleteIdle) {
        Aggregation before = aggregation(deleteIdle, "app", 100);
        ShardPair pair = before.newShardPair();
        send(pair, "idle:1|c\nidle_rt:1|ms\nidle_set:x|s\nidle_level:3|g");
        before.drain(T0);
        send(pair, "hits:5|c\nrt:10|ms|@0.5\nusers:ann|s\nlevel:7|g");
        return Saved.of(before, T0 + 10_000);
    }

    @Test
    void intoTheIntervalInProgressTheCountsSamplesMembersAndGaugesAreAdded() {
        Aggregation after = aggregation(false, "app", 100);
        saved(false).into(after, true);
        send(after.newShardPair(), "hits:2|c\nrt:20|ms\nusers:bob|s\nlevel:+1|g");
        Snapshot merged = after.drain(T0 + 20_000);
        assertEquals(7, counters(merged).get("app.hits"));
        TimerSamples rt = merged.timers().stream().filter(t -> t.name().equals("app.rt")).findFirst().orElseThrow();
        assertArrayEquals(new double[]{10, 20}, rt.sortedValues());
        assertEquals(3, rt.weightedCount());
        assertEquals(2, sets(merged).get("app.users").count());
        assertEquals(8, gauges(merged).get("app.level"));
    }

    @Test
    void ofAFinishedIntervalOnlyTheKeysAndGaugeValuesAreCarried() {
        Aggregation after = aggregation(false, "app", 100);
        assertEquals(8, saved(false).into(after, false));
        Snapshot first = after.drain(T0 + 30_000);
        assertEquals(0, counters(first).get("app.hits"), "an idle counter is still flushed, as 0");
        assertEquals(0, counters(first).get("app.idle"));
        assertTrue(first.timers().stream().filter(t -> t.name().equals("app.rt")).findFirst().orElseThrow().idle());
        assertEquals(0, sets(first).get("app.users").count());
        assertEquals(7, gauges(first).get("app.level"), "a gauge keeps its value");
        assertEquals(3, gauges(first).get("app.idle_level"));
    }

    @Test
    void withDeleteIdleTheKeysOfAFinishedIntervalStayQuietUntilSeenAgain() {
        Aggregation after = aggregation(true, "app", 100);
        saved(true).into(after, false);
        Snapshot first = after.drain(T0 + 30_000);
        assertFalse(counters(first).containsKey("app.hits"));
        assertFalse(gauges(first).containsKey("app.level"));
        assertEquals(0, first.timers().size());
        assertEquals(0, first.sets().size());
    }

    @Test
    void withDeleteIdleTheKeysActiveInTheMergedPartialAreFlushed() {
        Aggregation after = aggregation(true, "app", 100);
        saved(true).into(after, true);
        Snapshot first = after.drain(T0 + 20_000);
        assertEquals(5, counters(first).get("app.hits"));
        assertEquals(7, gauges(first).get("app.level"));
        assertFalse(counters(first).containsKey("app.idle"), "idle in the partial interval: not saved, not sent");
    }

    @Test
    void restoredNamesAreFinalSoThePrefixIsNotAddedTwice() {
        Aggregation after = aggregation(false, "app", 100);
        saved(false).into(after, true);
        send(after.newShardPair(), "hits:1|c");
        Map<String, Double> counters = counters(after.drain(T0 + 20_000));
        assertEquals(6, counters.get("app.hits"));
        assertFalse(counters.keySet().stream().anyMatch(name -> name.startsWith("app.app.")), counters.toString());
    }

    @Test
    void theServersOwnFiguresAreNotCarriedOverAsKeys() {
        Saved saved = saved(false);
        assertTrue(counters(saved.snapshot()).containsKey(Aggregation.PACKETS_RECEIVED));
        Aggregation after = aggregation(false, "app", 100);
        saved.into(after, true);
        Snapshot first = after.drain(T0 + 20_000);
        assertEquals(1, first.counters().stream().filter(c -> c.name().equals(Aggregation.PACKETS_RECEIVED)).count());
        assertEquals(0, counters(first).get(Aggregation.PACKETS_RECEIVED), "this process received nothing");
        assertFalse(gauges(first).containsKey(Aggregation.TIMESTAMP_LAG), "no lag before this process's second flush");
    }

    @Test
    void carriedKeysCountAgainstMaxKeys() {
        Aggregation after = aggregation(false, "app", 3);
        assertEquals(3, saved(false).into(after, true));
        send(after.newShardPair(), "brand_new:1|c");
        Snapshot first = after.drain(T0 + 20_000);
        assertFalse(counters(first).containsKey("app.brand_new"));
        assertEquals(1, counters(first).get(Aggregation.KEYS_OVER_LIMIT));
    }

    @Test
    void anIdleKeyKeepsItsIdleTimeAcrossARestartAndIsForgottenAfterKeyTtl() {
        Aggregation before = new Aggregation(KeyRegistries.withMaxKeys(100), "", false, 30_000, 10_000, () -> 0L);
        ShardPair pair = before.newShardPair();
        send(pair, "old:1|c\nold_level:4|g");
        before.drain(T0);
        before.drain(T0 + 10_000);
        send(pair, "fresh:1|c");
        Saved saved = Saved.of(before, T0 + 20_000);
        Aggregation after = new Aggregation(KeyRegistries.withMaxKeys(100), "", false, 30_000, 10_000, () -> 0L);
        saved.into(after, false);
        Snapshot first = after.drain(T0 + 30_000);
        assertFalse(counters(first).containsKey("old"), "idle for 30 s, two of them before the restart");
        assertFalse(gauges(first).containsKey("old_level"));
        assertEquals(0, counters(first).get("fresh"));
    }

    @Test
    void anIdleGaugeMergedIntoTheIntervalInProgressStaysIdle() {
        Aggregation before = new Aggregation(KeyRegistries.withMaxKeys(100), "", false, 25_000, 10_000, () -> 0L);
        ShardPair pair = before.newShardPair();
        send(pair, "level:4|g");
        before.drain(T0);
        Saved saved = Saved.of(before, T0 + 10_000);
        Aggregation after = new Aggregation(KeyRegistries.withMaxKeys(100), "", false, 25_000, 10_000, () -> 0L);
        saved.into(after, true);
        assertEquals(4, gauges(after.drain(T0 + 20_000)).get("level"), "kept its value");
        assertFalse(gauges(after.drain(T0 + 30_000)).containsKey("level"), "idle since T0: forgotten after 25 s");
    }

    @Test
    void theCarriedShardIsMergedOnceOnly() {
        Aggregation after = aggregation(false, "app", 100);
        saved(false).into(after, true);
        after.drain(T0 + 20_000);
        assertEquals(0, counters(after.drain(T0 + 30_000)).get("app.hits"));
    }

    private static Map<String, SetMembers> sets(Snapshot snapshot) {
        return snapshot.sets().stream().collect(Collectors.toMap(SetMembers::name, s -> s));
    }
}
