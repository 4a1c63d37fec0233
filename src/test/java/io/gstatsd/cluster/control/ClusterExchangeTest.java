package io.gstatsd.cluster.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.TimerSamples;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three exchanges on an in-memory network (ownership by the key's hash, standing in for the grid's
 * partition table): every key is published once, by its owner, with every member's lines.
 */
class ClusterExchangeTest {

    private static final long INTERVAL = 10_000;

    /** Members in a list, keys owned by hash; messages delivered on another thread, as the grid does. */
    private static final class Network {
        final List<String> members = new ArrayList<>();
        final Map<String, ClusterExchange> exchanges = new ConcurrentHashMap<>();
        final ExecutorService delivery = Executors.newSingleThreadExecutor();
        final Map<String, Integer> sent = new ConcurrentHashMap<>();

        ClusterExchange join(String name, long graceMillis) {
            members.add(name);
            ClusterExchange exchange = new ClusterExchange(new MemberNetwork() {
                @Override
                public String self() {
                    return name;
                }

                @Override
                public List<String> members() {
                    return List.copyOf(members);
                }

                @Override
                public String ownerOf(String key) {
                    return members.get(Math.floorMod(key.hashCode(), members.size()));
                }

                @Override
                public void send(String member, byte[] bytes) {
                    sent.merge(member, 1, Integer::sum);
                    ClusterExchange to = exchanges.get(member);
                    if (to != null) {
                        delivery.execute(() -> to.receive(bytes));
                    }
                }
            }, graceMillis, Clock.systemUTC(), "statsd." + name);
            exchanges.put(name, exchange);
            return exchange;
        }
    }

    private static Snapshot snapshot(long end, List<CounterValue> counters, List<TimerSamples> timers,
                                     List<GaugeValue> gauges, List<SetMembers> sets) {
        return new Snapshot(end, INTERVAL, counters, timers, gauges, sets, 1);
    }

    @Test
    void eachKeyIsPublishedOnceByItsOwnerWithEveryMembersLines() throws Exception {
        Network network = new Network();
        List<ClusterExchange> members = List.of(network.join("a", 5_000), network.join("b", 5_000), network.join("c", 5_000));
        long end = System.currentTimeMillis();
        List<Snapshot> locals = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            List<CounterValue> counters = new ArrayList<>();
            List<TimerSamples> timers = new ArrayList<>();
            List<GaugeValue> gauges = new ArrayList<>();
            List<SetMembers> sets = new ArrayList<>();
            for (int k = 0; k < 50; k++) {
                counters.add(new CounterValue("c" + k, m + k));
                timers.add(new TimerSamples("t" + k, new double[]{m, 10 + m * k}, 2.0 * (m + 1)));
                gauges.add(new GaugeValue("g" + k, 100 * m + k, end - 1000 + (m == k % 3 ? 500 : m)));
                sets.add(new SetMembers("s" + k, new long[]{k, 1000 + m}));
            }
            locals.add(snapshot(end, counters, timers, gauges, sets));
        }
        ExecutorService flushes = Executors.newFixedThreadPool(3);
        List<Future<Snapshot>> published = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            int member = m;
            published.add(flushes.submit(() -> members.get(member).exchange(locals.get(member))));
        }
        Map<String, Double> counters = new HashMap<>();
        Map<String, TimerSamples> timers = new HashMap<>();
        Map<String, Double> gauges = new HashMap<>();
        Map<String, long[]> sets = new HashMap<>();
        for (Future<Snapshot> result : published) {
            Snapshot snapshot = result.get();
            assertEquals(end, snapshot.epochMillis());
            snapshot.counters().forEach(c -> assertEquals(null, counters.put(c.name(), c.value()), c.name() + " twice"));
            snapshot.timers().forEach(t -> assertEquals(null, timers.put(t.name(), t), t.name() + " twice"));
            snapshot.gauges().stream().filter(g -> !g.name().contains(".cluster."))
                    .forEach(g -> assertEquals(null, gauges.put(g.name(), g.value()), g.name() + " twice"));
            snapshot.sets().forEach(s -> assertEquals(null, sets.put(s.name(), s.hashes()), s.name() + " twice"));
        }
        flushes.shutdown();
        for (int k = 0; k < 50; k++) {
            assertEquals(3.0 * k + 3, counters.get("c" + k), "c" + k);
            assertArrayEquals(new double[]{0, 1, 2, 10, 10 + k, 10 + 2 * k}, sorted(timers.get("t" + k).sortedValues()));
            assertEquals(12.0, timers.get("t" + k).weightedCount());
            assertEquals(100.0 * (k % 3) + k, gauges.get("g" + k), "g" + k + ": the value received last anywhere");
            assertArrayEquals(new long[]{k, 1000, 1001, 1002}, sets.get("s" + k));
        }
        assertEquals(50, counters.size());
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        java.util.Arrays.sort(copy);
        assertArrayEquals(copy, values, "samples must stay sorted");
        return copy;
    }

    @Test
    void aPartialThatArrivesAfterItsIntervalWasPublishedGoesIntoTheNextNeverTwice() throws Exception {
        Network network = new Network();
        ClusterExchange a = network.join("a", 200);
        network.members.add("b");   // b is a member but has not sent anything yet
        long end = System.currentTimeMillis();
        String ownedByA = ownedBy(network, "a");
        Snapshot first = a.exchange(snapshot(end, List.of(new CounterValue(ownedByA, 1)), List.of(), List.of(), List.of()));
        assertEquals(List.of(new CounterValue(ownedByA, 1)), first.counters(), "published after the grace period without b");
        a.receive(PartialCodec.encode(new Partial("b", snapshot(end, List.of(new CounterValue(ownedByA, 5)),
                List.of(), List.of(), List.of()))));
        Thread.sleep(50);
        a.receive(PartialCodec.encode(new Partial("b", snapshot(end + INTERVAL, List.of(new CounterValue(ownedByA, 7)),
                List.of(), List.of(), List.of()))));
        Snapshot second = a.exchange(snapshot(end + INTERVAL, List.of(new CounterValue(ownedByA, 2)), List.of(),
                List.of(), List.of()));
        assertEquals(List.of(new CounterValue(ownedByA, 14)), second.counters(), "2 own + 5 late + 7 on time");
        assertTrue(second.gauges().contains(new GaugeValue("statsd.a.cluster.late_partials", 1, 0))
                || second.gauges().stream().anyMatch(g -> g.name().equals("statsd.a.cluster.late_partials") && g.value() == 1));
    }

    @Test
    void aLeavingMemberHandsItsPartialIntervalToTheOwnersAndItsOwnKeysToTheOldestOther() throws Exception {
        Network network = new Network();
        ClusterExchange a = network.join("a", 1_000);
        ClusterExchange b = network.join("b", 1_000);
        ClusterExchange c = network.join("c", 1_000);
        long end = System.currentTimeMillis() + 300;
        List<CounterValue> counters = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            counters.add(new CounterValue("k" + k, 1));
        }
        assertTrue(c.handOver(snapshot(end, counters, List.of(), List.of(), List.of())));
        network.members.remove("c");
        network.exchanges.remove("c");
        // the survivors' next two intervals: what c's successor holds for keys the grid now gives the other is
        // forwarded, on time or late, never published twice
        Map<String, Double> total = new HashMap<>();
        ExecutorService flushes = Executors.newFixedThreadPool(2);
        for (long interval : new long[]{end, end + 1000}) {
            Snapshot empty = snapshot(interval, List.of(), List.of(), List.of(), List.of());
            Future<Snapshot> fromA = flushes.submit(() -> a.exchange(empty));
            Future<Snapshot> fromB = flushes.submit(() -> b.exchange(empty));
            Map<String, Double> published = new HashMap<>();
            for (Snapshot result : List.of(fromA.get(), fromB.get())) {
                result.counters().forEach(cv -> assertEquals(null, published.put(cv.name(), cv.value()), cv.name() + " twice"));
            }
            published.forEach((name, value) -> total.merge(name, value, Double::sum));
        }
        flushes.shutdown();
        assertEquals(30, total.size(), "every key of the leaving member flushed: " + total);
        assertTrue(total.values().stream().allMatch(v -> v == 1.0), "and counted once: " + total);
    }

    @Test
    void withACLusterWideSinkEachMemberGetsWhatTheOthersPublished() throws Exception {
        Network network = new Network();
        ClusterExchange a = network.join("a", 2_000);
        ClusterExchange b = network.join("b", 2_000);
        List<Snapshot> viewsAtA = new java.util.concurrent.CopyOnWriteArrayList<>();
        a.shareViews(viewsAtA::add);
        long end = System.currentTimeMillis();
        String ownedByB = ownedBy(network, "b");
        ExecutorService flushes = Executors.newFixedThreadPool(2);
        Future<Snapshot> fromA = flushes.submit(() -> a.exchange(snapshot(end, List.of(new CounterValue(ownedByB, 3)),
                List.of(), List.of(), List.of())));
        Future<Snapshot> fromB = flushes.submit(() -> b.exchange(snapshot(end, List.of(new CounterValue(ownedByB, 4)),
                List.of(), List.of(), List.of())));
        assertEquals(List.of(), fromA.get().counters());
        assertEquals(List.of(new CounterValue(ownedByB, 7)), fromB.get().counters());
        flushes.shutdown();
        assertTrue(viewsAtA.isEmpty(), "a member without a cluster-wide sink (b) sends no views");
        b.shareViews(view -> { });
        Future<Snapshot> next = Executors.newSingleThreadExecutor().submit(() -> b.exchange(snapshot(end + INTERVAL,
                List.of(new CounterValue(ownedByB, 1)), List.of(), List.of(), List.of())));
        a.exchange(snapshot(end + INTERVAL, List.of(), List.of(), List.of(), List.of()));
        next.get();
        long deadline = System.currentTimeMillis() + 2_000;
        while (viewsAtA.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, viewsAtA.size());
        assertEquals(List.of(new CounterValue(ownedByB, 1)), viewsAtA.get(0).counters(), "b's published interval");
    }

    @Test
    void bytesThatAreNotAPartialAreRefusedAndCounted() {
        Network network = new Network();
        ClusterExchange a = network.join("a", 100);
        a.receive(new byte[]{1, 2, 3});
        a.receive(java.util.Arrays.copyOf(PartialCodec.encode(new Partial("b", snapshot(1, List.of(new CounterValue("x", 1)),
                List.of(), List.of(), List.of()))), 20));
        Snapshot published = a.exchange(snapshot(System.currentTimeMillis(), List.of(), List.of(), List.of(), List.of()));
        assertTrue(published.gauges().stream().anyMatch(g -> g.name().equals("statsd.a.cluster.refused_partials")
                && g.value() == 2), published.gauges().toString());
    }

    @Test
    void aMemberAloneHasNoOneToHandOverTo() {
        Network network = new Network();
        ClusterExchange alone = network.join("a", 100);
        assertFalse(alone.handOver(snapshot(System.currentTimeMillis(), List.of(new CounterValue("x", 1)), List.of(),
                List.of(), List.of())));
    }

    private static String ownedBy(Network network, String member) {
        for (int k = 0; ; k++) {
            String key = "key" + k;
            if (network.members.get(Math.floorMod(key.hashCode(), network.members.size())).equals(member)) {
                return key;
            }
        }
    }
}
