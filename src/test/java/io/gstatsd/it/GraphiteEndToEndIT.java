package io.gstatsd.it;

import io.gstatsd.client.Stats;
import io.gstatsd.client.StatsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The server as users run it, {@code payara/gstatsd}, flushing every second to a real carbon-cache; the
 * values are read back from carbon's whisper files.
 */
class GraphiteEndToEndIT {

    private static Carbon carbon;
    private static GstatsdProcess gstatsd;
    private static int udpPort;
    private static long startedSeconds;

    @BeforeAll
    static void start() throws Exception {
        startedSeconds = System.currentTimeMillis() / 1000;
        carbon = Carbon.start(Path.of("target/carbon-e2e"));
        udpPort = Ports.freeUdpPort();
        gstatsd = GstatsdProcess.start("graphite-e2e", udpPort,
                "-s", "127.0.0.1:" + carbon.linePort(), "-f", "1", "-p", "90,50");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gstatsd != null) {
            gstatsd.close();
        }
        if (carbon != null) {
            carbon.close();
        }
    }

    private static SortedMap<Long, Double> await(String metric, java.util.function.Predicate<SortedMap<Long, Double>> done)
            throws Exception {
        return carbon.awaitPoints(metric, startedSeconds - 5, System.currentTimeMillis() / 1000 + 120, done,
                Duration.ofSeconds(30));
    }

    @Test
    void counterCountsAreStoredAsSentWithSampleRatesApplied() throws Exception {
        for (int i = 0; i < 10; i++) {
            gstatsd.send("e2e.hits:1|c");
        }
        gstatsd.send("e2e.hits:3|c|@0.5\ne2e.hits:x|c");
        SortedMap<Long, Double> counts = await("stats_counts.e2e.hits", p -> Carbon.sum(p) >= 16);
        assertEquals(16.0, Carbon.sum(counts), "stats_counts.e2e.hits " + counts);
        SortedMap<Long, Double> rates = await("stats.e2e.hits", p -> Carbon.sum(p) >= 16);
        assertEquals(16.0, Carbon.sum(rates), "per-second rates of a 1 s flush add up to the count");
    }

    @Test
    void timerFiguresOfOneIntervalAreStored() throws Exception {
        gstatsd.send("e2e.rt:10|ms\ne2e.rt:20|ms\ne2e.rt:30|ms\ne2e.rt:40|ms");
        SortedMap<Long, Double> count = await("stats.timers.e2e.rt.count", p -> Carbon.sum(p) >= 4);
        long at = count.entrySet().stream().filter(e -> e.getValue() == 4.0).findFirst().orElseThrow().getKey();
        Map<String, Double> expected = Map.of("upper", 40.0, "lower", 10.0, "mean", 25.0, "median", 25.0,
                "sum", 100.0, "upper_90", 40.0, "count_90", 4.0, "upper_50", 20.0, "mean_50", 15.0);
        for (Map.Entry<String, Double> figure : expected.entrySet()) {
            SortedMap<Long, Double> points = await("stats.timers.e2e.rt." + figure.getKey(), p -> p.containsKey(at));
            assertEquals(figure.getValue(), points.get(at), figure.getKey() + " " + points);
        }
    }

    @Test
    void gaugeKeepsItsLastValueAcrossFlushes() throws Exception {
        gstatsd.send("e2e.temp:5|g\ne2e.temp:+2|g");
        SortedMap<Long, Double> points = await("stats.gauges.e2e.temp", p -> p.size() >= 3);
        assertEquals(7.0, points.get(points.lastKey()), "last stored value " + points);
        assertEquals(7.0, points.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    @Test
    void setCountsDistinctMembers() throws Exception {
        gstatsd.send("e2e.users:alice|s\ne2e.users:bob|s\ne2e.users:alice|s\ne2e.users:carol|s");
        SortedMap<Long, Double> points = await("stats.sets.e2e.users.count", p -> p.containsValue(3.0));
        assertEquals(3.0, points.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow(), points.toString());
    }

    @Test
    void metricsFromTheJavaClientAreStored() throws Exception {
        try (StatsClient client = StatsClient.builder().host("127.0.0.1").port(udpPort).batching().build()) {
            Stats stats = new Stats(client);
            Stats.Counter orders = stats.counter("client.orders");
            for (int i = 0; i < 25; i++) {
                orders.increment();
            }
            orders.add(5);
            try (Stats.Timer timer = stats.timer("client.work").start()) {
                Thread.sleep(30);
            }
            stats.gauge("client.queue").set(-4);
            client.set("client.users", "u1");
            client.set("client.users", "u2");
            client.flush();
            assertEquals(0, client.errors());
        }
        assertEquals(30.0, Carbon.sum(await("stats_counts.client.orders", p -> Carbon.sum(p) >= 30)));
        SortedMap<Long, Double> upper = await("stats.timers.client.work.upper", p -> p.values().stream().anyMatch(v -> v > 0));
        double worked = upper.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        org.junit.jupiter.api.Assertions.assertTrue(worked >= 30 && worked < 5000, "timer " + worked);
        SortedMap<Long, Double> queue = await("stats.gauges.client.queue", p -> !p.isEmpty());
        assertEquals(-4.0, queue.get(queue.lastKey()));
        SortedMap<Long, Double> users = await("stats.sets.client.users.count", p -> p.containsValue(2.0));
        assertEquals(2.0, users.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }
}
