package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.ingest.control.LineParser;
import org.junit.jupiter.api.Test;

import io.gstatsd.configuration.entity.TagMode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import static io.gstatsd.aggregate.control.SnapshotMaps.counters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A big key table takes the parser's hints (the keys of the next lines, hashed ahead); a hint that does not
 * fit the line looked up (several values or types, a client timestamp, DogStatsD tags, a bad value, a
 * carriage return) must change nothing: the same datagram aggregates as it does without hints.
 */
class KeyHintsTest {

    private static final String TRICKY = String.join("\n",
            "a:1:2:3|c", "b:1|c:5|ms", "c:3|c|T1700000000", "d:1|c|#env:prod", "d:2|c|@0.5|#env:prod,x:y",
            "e:x|c", "e:4|c", ":1|c", "f:2|c\r", "g:+3|g", "g:-1|g", "s:m1|s", "s:m2|s", "t:7|ms|@0.1",
            "h:1|h", "a:4|c", "u:1|zz", "no-value", "a.b,env=prod:1|c", "a b/c:1|c");

    @Test
    void hintedLookupsAggregateAsUnhintedOnes() {
        assertEquals(aggregate(0), aggregate(70_000));
    }

    @Test
    void aTableOfTensOfThousandsOfKeysTakesHintsAndASmallOneWhileNewKeysCome() {
        KeyTable table = new KeyTable(new KeyRegistry(new KeyBudget(1_000_000)), "", TagMode.GRAPHITE);
        assertFalse(table.takesHints(), "a new receiver's table is small");
        datagram(table, "new.1", "new.2", "new.3", "new.4", "new.5", "new.6", "new.7", "new.8", "known");
        assertTrue(table.takesHints(), "a datagram of eight new keys: the next one's are hinted");
        datagram(table, "new.1", "new.2", "new.3", "new.4", "new.5", "new.6", "new.7", "new.9", "known");
        assertFalse(table.takesHints(), "one new key");
        datagram(table, "new.1", "new.2", "new.3", "known");
        assertFalse(table.takesHints(), "no new key");
        for (int k = 0; k < 70_000; k++) {
            byte[] key = ("fill.k" + k).getBytes(StandardCharsets.US_ASCII);
            table.idOf(key, 0, key.length);
        }
        datagram(table, "new.a");
        assertTrue(table.takesHints(), "a big table, known keys or not");
    }

    /** The table's part of a datagram: a look-up of each key, then the next packet. */
    private static void datagram(KeyTable table, String... keys) {
        for (String key : keys) {
            byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
            table.idOf(bytes, 0, bytes.length);
        }
        table.packet();   // the next datagram: what takesHints answers for
    }

    /**
     * A burst of new keys over a big table: their names are hashed once, ahead, and that hash places them in the
     * registry. Had it differed from the name's own {@link String#hashCode}, a look-up by name (the flush's, a
     * release's) would not find them.
     */
    @Test
    void aBurstOfNewKeysIsRegisteredWhereItsNamesAreLookedUp() {
        KeyRegistries registries = KeyRegistries.withMaxKeys(1_000_000);
        Aggregation aggregation = new Aggregation(registries, "pre", false, 1000, () -> 0L);
        ShardPair pair = aggregation.newShardPair();
        fill(pair, 70_000);
        aggregation.drain(1_700_000_000_000L);
        StringBuilder datagram = new StringBuilder();
        LineParser parser = new LineParser();
        for (int k = 0; k < 1_000; k++) {
            datagram.append("burst.k").append(k).append(k % 3 == 0 ? ":1|c\n" : ":1|c|@0.5\n");
            if (k % 25 == 24) {
                byte[] bytes = datagram.toString().getBytes(StandardCharsets.UTF_8);
                pair.write(parser, bytes, 0, bytes.length);
                datagram.setLength(0);
            }
        }
        for (int k = 0; k < 1_000; k++) {
            assertTrue(registries.counters().find("pre.burst.k" + k) >= 0, "pre.burst.k" + k);
        }
        assertEquals(71_000, registries.counters().live());
        Map<String, Double> burst = new TreeMap<>();
        aggregation.drain(1_700_000_010_000L).counters().stream().filter(c -> c.name().contains("burst."))
                .forEach(c -> burst.put(c.name(), c.value()));
        assertEquals(1_000, burst.size());
        assertEquals(2.0, burst.get("pre.burst.k1"));
        assertEquals(1.0, burst.get("pre.burst.k999"));
    }

    /**
     * ReliabilityIT's cardinality case without the network: a burst of new keys past max-keys makes the small table
     * take hints for the next datagram, and a known key there must still count, on its own receiver and another.
     */
    @Test
    void aKnownKeyCountsAfterABurstPastTheKeyLimit() {
        for (boolean sameReceiver : new boolean[] {true, false}) {
            Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(20), "", false, 1000, () -> 0L);
            ShardPair first = aggregation.newShardPair();
            ShardPair second = sameReceiver ? first : aggregation.newShardPair();
            StringBuilder burst = new StringBuilder();
            for (int k = 0; k < 50; k++) {
                burst.append("card.k").append(k).append(":1|c\n");
            }
            byte[] buf = new byte[65_536];
            write(first, buf, burst.toString());
            Map<String, Double> before = counters(aggregation.drain(1_700_000_000_000L));
            write(second, buf, "card.k0:5|c\ncard.k60:1|c");
            Map<String, Double> after = counters(aggregation.drain(1_700_000_001_000L));
            assertEquals(1.0, before.get("card.k0"));
            assertEquals(30.0, before.get("statsd.keys_over_limit"));
            assertEquals(5.0, after.get("card.k0"), "same receiver: " + sameReceiver);
            assertEquals(1.0, after.get("statsd.keys_over_limit"), "card.k60");
        }
    }

    /** A datagram in a reused receive buffer, as a receiver has it. */
    private static void write(ShardPair pair, byte[] buf, String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, buf, 0, bytes.length);
        pair.write(new LineParser(), buf, 0, bytes.length);
    }

    /** Every figure of the tricky datagram (sent three times) after {@code keysBefore} other counters. */
    private static Map<String, String> aggregate(int keysBefore) {
        Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(1_000_000), "", false, 1000, () -> 0L);
        ShardPair pair = aggregation.newShardPair();
        fill(pair, keysBefore);
        aggregation.drain(1_700_000_000_000L);
        byte[] bytes = TRICKY.getBytes(StandardCharsets.UTF_8);
        LineParser parser = new LineParser();
        for (int i = 0; i < 3; i++) {
            pair.write(parser, bytes, 0, bytes.length);
        }
        Snapshot snapshot = aggregation.drain(1_700_000_010_000L);
        Map<String, String> figures = new TreeMap<>();
        snapshot.counters().stream().filter(c -> !c.name().startsWith("fill.") && !c.name().startsWith("statsd."))
                .forEach(c -> figures.put("c " + c.name(), Double.toString(c.value())));
        snapshot.timers().forEach(t -> figures.put("t " + t.name(), Arrays.toString(t.sortedValues()) + " " + t.weightedCount()));
        snapshot.gauges().stream().filter(g -> !g.name().startsWith("statsd."))
                .forEach(g -> figures.put("g " + g.name(), Double.toString(g.value())));
        snapshot.sets().forEach(s -> figures.put("s " + s.name(), Integer.toString(s.count())));
        snapshot.stamped().forEach(points -> figures.put("stamped " + points.epochSeconds(), points.counters().toString()));
        return figures;
    }

    private static void fill(ShardPair pair, int keys) {
        LineParser parser = new LineParser();
        StringBuilder datagram = new StringBuilder();
        for (int k = 0; k < keys; k++) {
            datagram.append("fill.k").append(k).append(":1|c\n");
            if (k % 25 == 24 || k == keys - 1) {
                byte[] bytes = datagram.toString().getBytes(StandardCharsets.UTF_8);
                pair.write(parser, bytes, 0, bytes.length);
                datagram.setLength(0);
            }
        }
    }
}
