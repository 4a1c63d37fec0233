package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.ingest.control.LineParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Receivers write while flushes retire, release and hand ids out again: every count must land under its own
 * name. Each key always carries its own weight (1-97, from its name), so a count that reached another key's
 * id would show as a wrong sum there; keys come back after being retired and after being released.
 */
class KeyReuseRaceTest {

    private static final int RECEIVERS = 3;
    private static final int GENERATIONS = 150;
    private static final int KEYS_PER_GENERATION = 40;

    @Test
    void aRecycledIdNeverCarriesOneKeysCountsIntoAnotherKeysName() throws Exception {
        recycleIdsWhileWriting(0);
    }

    /**
     * Key tables that once held 40,000 keys take the parser's hints (KeyTable#takesHints) ever after: the same
     * must hold. Those keys are forgotten before the race, so that drains stay as quick as in the test above.
     */
    @Test
    void aRecycledIdNeverCarriesOneKeysCountsIntoAnotherKeysNameWithHintedLookups() throws Exception {
        recycleIdsWhileWriting(40_000);
    }

    private static void recycleIdsWhileWriting(int keysBefore) throws Exception {
        Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(1_000_000), "", true, 0, 1000, () -> 0L);
        List<ShardPair> pairs = new ArrayList<>();
        Map<String, Double> expected = new ConcurrentHashMap<>();
        for (int r = 0; r < RECEIVERS; r++) {
            pairs.add(aggregation.newShardPair());
            fill(pairs.get(r), r, keysBefore, expected);
        }
        Map<String, Double> flushed = new HashMap<>();
        long epochMillis = 1_700_000_000_000L;
        for (int i = 0; i < 3 && keysBefore > 0; i++) {
            collect(aggregation.drain(epochMillis += 1000), flushed);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();

        List<Thread> receivers = new ArrayList<>();
        for (int r = 0; r < RECEIVERS; r++) {
            int receiver = r;
            Thread thread = new Thread(() -> {
                try {
                    write(pairs.get(receiver), receiver, expected);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "receiver-" + r);
            receivers.add(thread);
            thread.start();
        }
        Thread waiter = new Thread(() -> {
            for (Thread thread : receivers) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            writing.set(false);
        });
        waiter.start();

        int drains = 0;
        while (writing.get()) {
            collect(aggregation.drain(epochMillis += 1000), flushed);
            drains++;
        }
        for (int i = 0; i < 3; i++) {
            collect(aggregation.drain(epochMillis += 1000), flushed);
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        List<String> wrong = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(union(expected.keySet(), flushed.keySet()))) {
            if (!expected.getOrDefault(key, 0.0).equals(flushed.getOrDefault(key, 0.0))) {
                wrong.add(key + " sent " + expected.get(key) + " flushed " + flushed.get(key));
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " keys wrong");
        int distinct = expected.size();
        int ids = aggregation.registries().counters().size();
        assertTrue(drains > 20, "flushes raced the writers: " + drains);
        int raceKeys = distinct - keysBefore * RECEIVERS;   // the keys before were freed: the race reuses their ids too
        assertTrue(ids < keysBefore * RECEIVERS + raceKeys / 2, "ids were reused: " + ids + " ids for " + distinct + " keys");
        assertEquals(0, aggregation.registries().counters().live(), "every key forgotten at the end");
    }

    /** Generation g writes its own keys and the shared ones of g, then comes back to g - 3 (likely released). */
    private static void write(ShardPair pair, int receiver, Map<String, Double> expected) {
        LineParser parser = new LineParser();
        for (int generation = 0; generation < GENERATIONS; generation++) {
            for (int repeat = 0; repeat < 20; repeat++) {
                StringBuilder datagram = new StringBuilder();
                for (int k = 0; k < KEYS_PER_GENERATION; k++) {
                    line(datagram, "r" + receiver + ".g" + generation + ".k" + k, expected);
                    line(datagram, "shared.g" + generation + ".k" + k, expected);
                    if (generation >= 3 && repeat % 7 == 0) {
                        line(datagram, "r" + receiver + ".g" + (generation - 3) + ".k" + k, expected);
                    }
                }
                byte[] bytes = datagram.toString().getBytes(StandardCharsets.UTF_8);
                pair.write(parser, bytes, 0, bytes.length);
            }
            Thread.yield();
        }
    }

    private static void fill(ShardPair pair, int receiver, int keys, Map<String, Double> expected) {
        LineParser parser = new LineParser();
        StringBuilder datagram = new StringBuilder();
        for (int k = 0; k < keys; k++) {
            line(datagram, "fill.r" + receiver + ".k" + k, expected);
            if (k % 25 == 24 || k == keys - 1) {
                byte[] bytes = datagram.toString().getBytes(StandardCharsets.UTF_8);
                pair.write(parser, bytes, 0, bytes.length);
                datagram.setLength(0);
            }
        }
    }

    private static void line(StringBuilder datagram, String key, Map<String, Double> expected) {
        int weight = Math.floorMod(key.hashCode(), 97) + 1;
        datagram.append(key).append(':').append(weight).append("|c\n");
        expected.merge(key, (double) weight, Double::sum);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static void collect(Snapshot snapshot, Map<String, Double> flushed) {
        Set<String> seen = new HashSet<>();
        for (CounterValue counter : snapshot.counters()) {
            if (counter.name().startsWith("statsd.")) {
                continue;
            }
            assertTrue(seen.add(counter.name()), "one key twice in a flush: " + counter.name());
            flushed.merge(counter.name(), counter.value(), Double::sum);
        }
    }
}
