package io.gstatsd.aggregate.control;

import io.gstatsd.configuration.entity.TagMode;
import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.ingest.control.LineParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static io.gstatsd.aggregate.control.SnapshotMaps.counters;
import static io.gstatsd.aggregate.control.SnapshotMaps.gauges;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys that come and go: forgotten keys give back their id, table entries and place under max-keys. */
class KeyLifeTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long INTERVAL = 10_000;
    private final LineParser parser = new LineParser();

    private static Aggregation aggregation(boolean deleteIdle, long ttlMillis, int maxKeys) {
        return new Aggregation(KeyRegistries.withMaxKeys(maxKeys), "", deleteIdle, ttlMillis, INTERVAL, () -> 0L);
    }

    private void send(ShardPair pair, String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        pair.write(parser, bytes, 0, bytes.length);
    }

    private void sendNewCounters(ShardPair pair, String prefix, int keys, int value) {
        StringBuilder datagram = new StringBuilder();
        for (int k = 0; k < keys; k++) {
            datagram.append(prefix).append(".k").append(k).append(':').append(value).append("|c\n");
            if (datagram.length() > 60_000) {
                send(pair, datagram.toString());
                datagram.setLength(0);
            }
        }
        send(pair, datagram.toString());
    }

    /** 1,500 new counters per interval for 8 intervals under max-keys 2,000, as the issue measured it. */
    private void churn(Aggregation aggregation, ShardPair pair, Map<String, Double> flushed) {
        for (int interval = 0; interval < 8; interval++) {
            sendNewCounters(pair, "churn.i" + interval, 1500, 2);
            Snapshot snapshot = aggregation.drain(T0 + interval * INTERVAL);
            for (CounterValue counter : snapshot.counters()) {
                if (counter.name().startsWith("churn.")) {
                    assertNull(flushed.put(counter.name(), counter.value()), "a key flushed twice: " + counter.name());
                }
            }
            assertEquals(0, counters(snapshot).getOrDefault(Aggregation.KEYS_OVER_LIMIT, 0.0), "interval " + interval);
        }
    }

    @Test
    void withDeleteIdleKeyChurnNeverRunsIntoMaxKeys() {
        Aggregation aggregation = aggregation(true, 0, 2000);
        ShardPair pair = aggregation.newShardPair();
        Map<String, Double> flushed = new java.util.HashMap<>();
        churn(aggregation, pair, flushed);
        assertEquals(12_000, flushed.size());
        assertTrue(flushed.values().stream().allMatch(v -> v == 2.0), "every count under its own name");
        // a key's id is held while it is active, retired after its first idle interval, released after the next
        assertTrue(aggregation.registries().counters().size() <= 3 * 1500, "ids are reused, not grown: "
                + aggregation.registries().counters().size());
    }

    @Test
    void withAKeyTtlIdleKeysAreForgottenAndTheirPlacesReused() {
        Aggregation aggregation = aggregation(false, 2 * INTERVAL, 5000);
        ShardPair pair = aggregation.newShardPair();
        Map<String, Double> flushed = new java.util.HashMap<>();
        // without delete-idle each key is flushed as 0 while it lives: keep only its non-zero flush
        for (int interval = 0; interval < 8; interval++) {
            sendNewCounters(pair, "ttl.i" + interval, 1500, 3);
            Snapshot snapshot = aggregation.drain(T0 + interval * INTERVAL);
            assertEquals(0, counters(snapshot).getOrDefault(Aggregation.KEYS_OVER_LIMIT, 0.0), "interval " + interval);
            snapshot.counters().stream().filter(c -> c.name().startsWith("ttl.") && c.value() != 0)
                    .forEach(c -> assertNull(flushed.put(c.name(), c.value())));
            long alive = snapshot.counters().stream().filter(c -> c.name().startsWith("ttl.")).count();
            assertTrue(alive <= 4500, "only keys younger than the TTL are flushed: " + alive);
        }
        assertEquals(12_000, flushed.size());
        assertTrue(flushed.values().stream().allMatch(v -> v == 3.0));
        assertTrue(aggregation.registries().budget().used() <= 4500, "places given back: " + aggregation.registries().budget().used());
    }

    @Test
    void aKeyIdleLongerThanTheTtlIsNoLongerFlushedAndComesBackFresh() {
        Aggregation aggregation = aggregation(false, 3 * INTERVAL, 100);
        ShardPair pair = aggregation.newShardPair();
        send(pair, "old:5|c");
        assertEquals(5, counters(aggregation.drain(T0)).get("old"));
        assertEquals(0, counters(aggregation.drain(T0 + INTERVAL)).get("old"));
        assertEquals(0, counters(aggregation.drain(T0 + 2 * INTERVAL)).get("old"));
        assertFalse(counters(aggregation.drain(T0 + 3 * INTERVAL)).containsKey("old"), "idle for the TTL: retired");
        assertFalse(counters(aggregation.drain(T0 + 4 * INTERVAL)).containsKey("old"), "released");
        assertEquals(0, aggregation.registries().counters().live());
        send(pair, "old:7|c");
        assertEquals(7, counters(aggregation.drain(T0 + 5 * INTERVAL)).get("old"));
    }

    @Test
    void aRetiredKeyThatComesBackBeforeItsReleaseKeepsCountingUnderItsName() {
        Aggregation aggregation = aggregation(true, 0, 100);
        ShardPair pair = aggregation.newShardPair();
        send(pair, "back:1|c\nother:1|c");
        aggregation.drain(T0);
        aggregation.drain(T0 + INTERVAL);                  // both idle: retired
        send(pair, "back:4|c");                            // the receiver drops them, then looks "back" up again
        send(pair, "fresh:9|c");                           // may not take "back"'s id
        Map<String, Double> counters = counters(aggregation.drain(T0 + 2 * INTERVAL));
        assertEquals(4, counters.get("back"));
        assertEquals(9, counters.get("fresh"));
        assertFalse(counters.containsKey("other"));
        send(pair, "back:1|c\nfresh:1|c\nnew:2|c");        // "other"'s id is free now and goes to "new"
        counters = counters(aggregation.drain(T0 + 3 * INTERVAL));
        assertEquals(Map.of("back", 1.0, "fresh", 1.0, "new", 2.0), withoutServerCounters(counters));
        assertEquals(3, aggregation.registries().counters().live());
    }

    @Test
    void aGaugeDeletedAsIdleStartsAgainFromZeroAndItsIdCarriesNoValue() {
        Aggregation aggregation = aggregation(true, 0, 100);
        ShardPair pair = aggregation.newShardPair();
        send(pair, "g1:50|g");
        assertEquals(50, gauges(aggregation.drain(T0)).get("g1"));
        aggregation.drain(T0 + INTERVAL);
        aggregation.drain(T0 + 2 * INTERVAL);              // g1's id is free
        send(pair, "g2:+3|g\ng1:+1|g");
        Map<String, Double> gauges = gauges(aggregation.drain(T0 + 3 * INTERVAL));
        assertEquals(3, gauges.get("g2"));
        assertEquals(1, gauges.get("g1"));
    }

    @Test
    void aKeyTableDropsRetiredIdsReusesTheirEntriesAndCompactsItsBytes() {
        KeyRegistry registry = new KeyRegistry(new KeyBudget(1_000_000));
        KeyTable table = new KeyTable(registry, "", TagMode.GRAPHITE);
        byte[] spaced = "a b".getBytes(StandardCharsets.UTF_8);
        byte[] underscored = "a_b".getBytes(StandardCharsets.UTF_8);
        int id = table.idOf(spaced, 0, spaced.length);
        assertEquals(id, table.idOf(underscored, 0, underscored.length));
        assertEquals(2, table.size());
        table.retire(new int[] {id});
        registry.markRetiring(new int[] {id});
        assertEquals(id, table.idOf(spaced, 0, spaced.length), "a marked key is looked up in the registry again");
        assertFalse(registry.releaseUnlessRevived(id), "which notes that it came back");
        table.retire(new int[] {id});
        registry.markRetiring(new int[] {id});
        assertTrue(registry.releaseUnlessRevived(id));
        table.sweep(10);
        assertEquals(0, table.size());
        int arenaBefore = table.arenaBytes();
        for (int round = 0; round < 20; round++) {
            int[] ids = new int[5000];
            for (int k = 0; k < ids.length; k++) {
                byte[] key = ("round" + round + ".key" + k).getBytes(StandardCharsets.UTF_8);
                ids[k] = table.idOf(key, 0, key.length);
                assertEquals(ids[k], table.idOf(key, 0, key.length));
            }
            table.retire(ids);
            table.sweep(round % 2 == 0 ? Integer.MAX_VALUE : 100);   // odd rounds leave most to the lookups
            registry.markRetiring(ids);
            for (int retired : ids) {
                assertTrue(registry.releaseUnlessRevived(retired));
            }
        }
        table.sweep(Integer.MAX_VALUE);
        assertEquals(0, table.size());
        assertEquals(0, registry.live());
        assertTrue(registry.size() <= 5001, "ids reused: " + registry.size());
        assertTrue(table.arenaBytes() <= 256 * 1024, "bytes compacted: " + table.arenaBytes() + " from " + arenaBefore);
    }

    private static Map<String, Double> withoutServerCounters(Map<String, Double> counters) {
        return counters.entrySet().stream().filter(e -> !e.getKey().startsWith("statsd."))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void keysCarriedOverFromAStateFileAreDeletedWhenIdleLikeAnyOther() {
        // restore grew lastActive alone: the first drain after carrying over more than 256 keys threw
        KeyRegistry registry = new KeyRegistry(new KeyBudget(10_000));
        KeyLife life = new KeyLife(registry, true, 0);
        for (int k = 0; k < 1_000; k++) {
            life.restore(registry.idOf("carried.k" + k), T0);
        }
        int[] retired = life.endInterval(id -> false, T0 + INTERVAL, id -> { });
        assertEquals(1_000, retired.length);
    }
}
