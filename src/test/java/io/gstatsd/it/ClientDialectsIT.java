package io.gstatsd.it;

import com.timgroup.statsd.NonBlockingStatsDClientBuilder;
import com.timgroup.statsd.StatsDClient;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.statsd.StatsdConfig;
import io.micrometer.statsd.StatsdFlavor;
import io.micrometer.statsd.StatsdMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every dialect end to end: {@code payara/gstatsd} flushing every second to a real carbon-cache, with lines
 * of each dialect and with the real clients (Micrometer's StatsD registry in its Datadog, Etsy and Telegraf
 * flavors, java-dogstatsd-client), read back from carbon's whisper files, tagged series included.
 */
class ClientDialectsIT {

    private static Carbon carbon;
    private static GstatsdProcess gstatsd;
    private static int udpPort;
    private static long startedSeconds;

    @BeforeAll
    static void start() throws Exception {
        startedSeconds = System.currentTimeMillis() / 1000;
        // the tests read an hour back (client timestamps lie in the past): no points of an earlier run may be there
        Path dir = Path.of("target/carbon-dialects");
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        carbon = Carbon.start(dir);
        udpPort = Ports.freeUdpPort();
        gstatsd = GstatsdProcess.start("client-dialects", udpPort, "-s", "127.0.0.1:" + carbon.linePort(), "-f", "1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gstatsd != null) {
            gstatsd.close();
        }
        if (carbon != null) {
            assertEquals("", carbon.parseErrors(), "carbon refused a tagged name");
            carbon.close();
        }
    }

    private static SortedMap<Long, Double> await(String metric, Predicate<SortedMap<Long, Double>> done) throws Exception {
        return carbon.awaitPoints(metric, startedSeconds - 3600, System.currentTimeMillis() / 1000 + 120, done,
                Duration.ofSeconds(30));
    }

    private static double sumOf(String metric, double expected) throws Exception {
        return Carbon.sum(await(metric, p -> Carbon.sum(p) >= expected));
    }

    private static double lastOf(String metric) throws Exception {
        SortedMap<Long, Double> points = await(metric, p -> !p.isEmpty());
        return points.isEmpty() ? Double.NaN : points.get(points.lastKey());
    }

    @Test
    void dogStatsDTagsTelegrafAndSysdigTagsAreOneSortedTaggedSeries() throws Exception {
        gstatsd.send("it.tg,region=eu,env=prod:2|c\nit.tg#env=prod,region=eu:3|c\nit.tg:4|c|#region:eu,env:prod");
        assertEquals(9, sumOf("stats_counts.it.tg;env=prod;region=eu", 9));
    }

    @Test
    void aBareDogStatsDTagIsStoredAsTrue() throws Exception {
        gstatsd.send("it.bare:1|c|#canary");
        assertEquals(1, sumOf("stats_counts.it.bare;canary=true", 1));
    }

    @Test
    void distributionsWithPackedValuesAreTimerSamples() throws Exception {
        gstatsd.send("it.dist:1.5:2.5:10|d|#region:eu,env:prod");
        assertEquals(3, sumOf("stats.timers.it.dist.count;env=prod;region=eu", 3));
        assertEquals(14, sumOf("stats.timers.it.dist.sum;env=prod;region=eu", 14));
    }

    @Test
    void aSampleRateWithAnExponentScalesTheCount() throws Exception {
        gstatsd.send("it.rare:1|c|@1e-05");
        assertEquals(100_000, sumOf("stats_counts.it.rare", 100_000));
    }

    @Test
    void dogStatsDFieldsInAnyOrderDoNotLoseTheLine() throws Exception {
        gstatsd.send("it.fields:5|c|c:abc123|card:low|#env:prod|x9\nit.fields:6|c|#env:prod|e:it-false,cn-app|@0.5");
        assertEquals(17, sumOf("stats_counts.it.fields;env=prod", 17));
        double unknown = Carbon.sum(await("stats_counts.statsd.unknown_fields", p -> Carbon.sum(p) >= 1));
        assertEquals(1, unknown, 0.5, "x9 counted as an unknown field (other tests send none)");
    }

    @Test
    void etsyMultiTypeLinesStillCount() throws Exception {
        gstatsd.send("it.multi:1|c:25|ms");
        assertEquals(1, sumOf("stats_counts.it.multi", 1));
        assertEquals(25, sumOf("stats.timers.it.multi.sum", 25));
    }

    @Test
    void aTimestampedLineIsStoredAtItsOwnSecond() throws Exception {
        long at = System.currentTimeMillis() / 1000 - 300;
        gstatsd.send("it.stamped:7|c|T" + at + "|#env:prod\nit.stamped:3|c|#env:prod|T" + at + "\nit.stamped:1|c|#env:prod");
        SortedMap<Long, Double> points = await("stats_counts.it.stamped;env=prod", p -> p.containsKey(at) && Carbon.sum(p) >= 11);
        assertEquals(10.0, points.get(at), points.toString());
        assertEquals(11.0, Carbon.sum(points), points.toString());
    }

    @Test
    void javaDogStatsDClientCountersTimersDistributionsGaugesAndStampedCountsAreExact() throws Exception {
        long at = System.currentTimeMillis() / 1000 - 600;
        StatsDClient client = new NonBlockingStatsDClientBuilder().hostname("127.0.0.1").port(udpPort)
                .constantTags("env:prod").enableTelemetry(false).enableAggregation(false).containerID("abc123").build();
        try {
            client.count("it.dd.orders", 3, "region:eu");
            client.count("it.dd.orders", 3, "region:eu");
            client.recordExecutionTime("it.dd.rt", 30, "region:eu");
            client.recordDistributionValue("it.dd.size", 12.5, "region:eu");
            client.recordDistributionValue("it.dd.size", 7.5, "region:eu");
            client.gauge("it.dd.temp", 21.5, "region:eu");
            client.countWithTimestamp("it.dd.stamped", 7, at, "region:eu");
            // the client sends from its own thread, and stop() drops what it has not sent yet
            Thread.sleep(1500);
        } finally {
            client.stop();
        }
        assertEquals(6, sumOf("stats_counts.it.dd.orders;env=prod;region=eu", 6));
        assertEquals(30, sumOf("stats.timers.it.dd.rt.sum;env=prod;region=eu", 30));
        assertEquals(2, sumOf("stats.timers.it.dd.size.count;env=prod;region=eu", 2));
        assertEquals(20, sumOf("stats.timers.it.dd.size.sum;env=prod;region=eu", 20));
        assertEquals(21.5, lastOf("stats.gauges.it.dd.temp;env=prod;region=eu"));
        SortedMap<Long, Double> stamped = await("stats_counts.it.dd.stamped;env=prod;region=eu", p -> p.containsKey(at));
        assertEquals(7.0, stamped.get(at), stamped.toString());
    }

    @Test
    void micrometerDatadogFlavor() throws Exception {
        recordWithMicrometer(StatsdFlavor.DATADOG, "dd", "stats_counts.ddprobe;env=prod;statistic=count");
        assertEquals(3, sumOf("stats_counts.ddorders;env=prod;region=eu;statistic=count", 3));
        assertEquals(20, sumOf("stats.timers.ddlatency.sum;env=prod;region=eu", 20));
        assertEquals(2, sumOf("stats.timers.ddsize.count;env=prod;region=eu", 2));
        assertEquals(600, sumOf("stats.timers.ddsize.sum;env=prod;region=eu", 600));
        assertEquals(7, lastOf("stats.gauges.ddqueue;env=prod;region=eu;statistic=value"));
    }

    @Test
    void micrometerTelegrafFlavor() throws Exception {
        recordWithMicrometer(StatsdFlavor.TELEGRAF, "tg", "stats_counts.tgprobe;env=prod;statistic=count");
        assertEquals(3, sumOf("stats_counts.tgorders;env=prod;region=eu;statistic=count", 3));
        assertEquals(20, sumOf("stats.timers.tglatency.sum;env=prod;region=eu", 20));
        assertEquals(600, sumOf("stats.timers.tgsize.sum;env=prod;region=eu", 600));
        assertEquals(7, lastOf("stats.gauges.tgqueue;env=prod;region=eu;statistic=value"));
    }

    @Test
    void micrometerEtsyFlavorKeepsItsTagsInTheDottedName() throws Exception {
        recordWithMicrometer(StatsdFlavor.ETSY, "etsy", "stats_counts.etsyprobe.env.prod.statistic.count");
        assertEquals(3, sumOf("stats_counts.etsyorders.env.prod.region.eu.statistic.count", 3));
        assertEquals(20, sumOf("stats.timers.etsylatency.env.prod.region.eu.sum", 20));
        assertEquals(600, sumOf("stats.timers.etsysize.env.prod.region.eu.sum", 600));
        assertEquals(7, lastOf("stats.gauges.etsyqueue.env.prod.region.eu.statistic.value"));
    }

    @Test
    void tagsFoldedIntoTheNameForGraphiteWithoutATagDatabase() throws Exception {
        int port = Ports.freeUdpPort();
        try (GstatsdProcess named = GstatsdProcess.start("client-dialects-name", port, "-s", "127.0.0.1:" + carbon.linePort(),
                "-f", "1", "-Dgstatsd.tags=name", "-x", "named")) {
            named.send("it.hits:1|c|#region:eu,env:prod\nit.hits,env=prod,region=eu:2|c\nit.hits:4|c");
            assertEquals(3, sumOf("stats_counts.named.it.hits.env_prod.region_eu", 3));
            assertEquals(4, sumOf("stats_counts.named.it.hits", 4));
        }
    }

    /**
     * A counter (1 and 2), a timer (12 and 8 ms), a distribution summary (250 and 350) and a gauge (7), tagged
     * region=eu, with the common tag env=prod. Micrometer's UDP client connects in the background and drops
     * what is recorded before, so a probe counter is incremented until carbon has stored it.
     */
    private static void recordWithMicrometer(StatsdFlavor flavor, String prefix, String probeName) throws Exception {
        StatsdMeterRegistry registry = new StatsdMeterRegistry(new StatsdConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public StatsdFlavor flavor() {
                return flavor;
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return udpPort;
            }

            @Override
            public boolean buffered() {
                return false;
            }

            @Override
            public Duration pollingFrequency() {
                return Duration.ofMillis(500);
            }
        }, Clock.SYSTEM);
        try {
            registry.config().commonTags("env", "prod");
            Counter probe = registry.counter(prefix + "probe");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (carbon.fetch(probeName, startedSeconds - 5, System.currentTimeMillis() / 1000 + 60).isEmpty()
                    && System.nanoTime() < deadline) {
                probe.increment();
                Thread.sleep(250);
            }
            Counter orders = Counter.builder(prefix + "orders").tag("region", "eu").register(registry);
            orders.increment();
            orders.increment(2);
            Timer latency = Timer.builder(prefix + "latency").tag("region", "eu").register(registry);
            latency.record(12, TimeUnit.MILLISECONDS);
            latency.record(8, TimeUnit.MILLISECONDS);
            DistributionSummary size = DistributionSummary.builder(prefix + "size").tag("region", "eu").register(registry);
            size.record(250);
            size.record(350);
            registry.gauge(prefix + "queue", Tags.of("region", "eu"), new AtomicInteger(7));
            Thread.sleep(1500);
        } finally {
            registry.close();
        }
    }
}
