package io.gstatsd.it;

import io.gstatsd.testing.Await;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One {@code payara/gstatsd} feeding Graphite and Prometheus at once ({@code -t graphite -t prometheus}, and the
 * load sink, whose answers the telemetry times): known
 * datagrams over UDP, then the Prometheus sink's {@code /metrics} and the telemetry's {@code /metrics} read with a
 * real Prometheus text parser (the Python client's), names, labels and values exact; counters grow across
 * flushes; the Graphite capture still gets its lines.
 */
class PrometheusEndToEndIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** 15 lines in one datagram, so in one interval: 11 metrics and one bad line of each of four kinds. */
    private static final String FIRST = String.join("\n",
            "api.hits:3|c|#env:prod", "api.hits:2|c|#env:prod",
            "api.rt:10|ms", "api.rt:30|ms",
            "page.render:5|ms", "page.render:50|ms", "page.render:500|ms",
            "queue:12|g",
            "users:a|s", "users:b|s", "users:a|s",
            "bad.no.type:1", "novalue", "bad.value:abc|c", "bad.type:1|zz");
    private static final String SECOND = "api.hits:4|c|#env:prod\napi.rt:20|ms";
    private static final Map<String, String> PROD = Map.of("env", "prod");
    private static final Map<String, String> APP = Map.of("mp_scope", "application");

    @Test
    void oneServerFeedsGraphiteAndPrometheusAndReportsItsOwnTelemetry() throws Exception {
        int udpPort = Ports.freeUdpPort();
        int httpPort = Ports.freeTcpPort();
        int prometheusPort = Ports.freeTcpPort();
        try (GraphiteCapture graphite = GraphiteCapture.start();
             GstatsdProcess gstatsd = GstatsdProcess.start("prometheus", udpPort, "-f", "1",
                     "-s", "127.0.0.1:" + graphite.port(), "-t", "graphite", "-t", "prometheus", "-p", "50", "-p", "90",
                     "-Dgstatsd.prometheus.bind=127.0.0.1:" + prometheusPort, "-l", "127.0.0.1:" + httpPort,
                     "-Dgstatsd.admin.bind=off", "-Dgstatsd.histogram=[{metric: 'render', bins: [10, 100]}]")) {
            String sinkName = "graphite 127.0.0.1:" + graphite.port();
            String prometheusName = "prometheus 127.0.0.1:" + prometheusPort;
            assertTrue(gstatsd.output().contains("to " + sinkName + ", " + prometheusName), gstatsd.output());
            String metrics = "http://127.0.0.1:" + prometheusPort + "/metrics";
            String telemetry = "http://127.0.0.1:" + httpPort + "/metrics";

            gstatsd.send(FIRST);
            assertTrue(awaitFlushWith(graphite, "stats_counts.api.hits;env=prod 5 ").contains("stats.gauges.queue 12"));
            PrometheusText first = awaitScrape(metrics, text -> text.has("api_hits_total", PROD));
            assertEquals(Map.ofEntries(
                    Map.entry("api_hits_total{env=prod}", 5.0),
                    Map.entry("api_rt{quantile=0.5}", 10.0), Map.entry("api_rt{quantile=0.9}", 30.0),
                    Map.entry("api_rt_count{}", 2.0), Map.entry("api_rt_sum{}", 40.0),
                    Map.entry("page_render_bucket{le=10.0}", 1.0), Map.entry("page_render_bucket{le=100.0}", 2.0),
                    Map.entry("page_render_bucket{le=+Inf}", 3.0), Map.entry("page_render_count{}", 3.0),
                    Map.entry("page_render_sum{}", 555.0),
                    Map.entry("queue{}", 12.0), Map.entry("users{}", 2.0)), received(first));
            assertEquals("counter", first.type("api_hits"));
            assertEquals("summary", first.type("api_rt"));
            assertEquals("histogram", first.type("page_render"));
            assertEquals("gauge", first.type("queue"));
            assertEquals(4.0, first.value("statsd_bad_lines_seen_total", Map.of()), "the server's own counters too");

            PrometheusText telemetryFirst = awaitScrape(telemetry, text -> text.has("gstatsd_packets_total", APP)
                    && text.value("gstatsd_packets_total", APP) == 1 && text.value("gstatsd_lines_total", APP) == 15);

            // the 5-minute window: the 1-minute one is the current wall-clock minute, which may have ended since the send
            HttpResponse<String> load = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/5"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(load.body().contains("stats_counts.api.hits;env=prod 5"), load.body());

            gstatsd.send(SECOND);
            List<Double> totals = new ArrayList<>();
            assertTrue(awaitFlushWith(graphite, "stats_counts.api.hits;env=prod 4 ").contains("stats.timers.api.rt.upper 20"));
            PrometheusText second = awaitScrape(metrics, text -> {
                totals.add(text.value("api_hits_total", PROD));
                return text.value("api_hits_total", PROD) == 9;
            });
            for (int i = 1; i < totals.size(); i++) {
                assertTrue(totals.get(i) >= totals.get(i - 1), "a counter only grows: " + totals);
            }
            assertEquals(20.0, second.value("api_rt", Map.of("quantile", "0.5")), "the quantiles are the last flush's");
            assertEquals(20.0, second.value("api_rt", Map.of("quantile", "0.9")));
            assertEquals(3.0, second.value("api_rt_count", Map.of()));
            assertEquals(60.0, second.value("api_rt_sum", Map.of()));
            assertEquals(3.0, second.value("page_render_count", Map.of()), "an idle timer keeps its totals");

            PrometheusText telemetrySecond = awaitScrape(telemetry, text -> text.value("gstatsd_packets_total", APP) == 2
                    && text.value("gstatsd_lines_total", APP) == 17);
            assertEquals("counter", telemetrySecond.type("gstatsd_packets"));
            for (String reason : List.of("no_type", "no_value", "bad_value", "unknown_type")) {
                assertEquals(1.0, telemetrySecond.value("gstatsd_bad_lines_total", labels("reason", reason)), reason);
            }
            assertEquals(0.0, telemetrySecond.value("gstatsd_bad_lines_total", labels("reason", "bad_sample_rate")));
            assertEquals(0.0, telemetrySecond.value("gstatsd_bad_lines_total", labels("reason", "empty_key")));
            assertEquals(0.0, telemetrySecond.value("gstatsd_keys_over_limit_total", APP));
            assertEquals(0.0, telemetrySecond.value("gstatsd_kernel_drops_total", APP));
            assertEquals(0.0, telemetrySecond.value("gstatsd_unknown_fields_total", APP));
            assertEquals(1_000_000.0, telemetrySecond.value("gstatsd_keys_max", APP));
            assertTrue(telemetrySecond.value("gstatsd_keys_live", APP) >= 5, "at least the five keys sent");
            assertTrue(telemetrySecond.value("gstatsd_sink_bytes_total", labels("sink", sinkName)) > 0);
            assertTrue(telemetrySecond.value("gstatsd_sink_bytes_total", labels("sink", prometheusName)) > 0,
                    "the scrapes' bytes");
            assertEquals(0.0, telemetrySecond.value("gstatsd_sink_failures_total", labels("sink", sinkName)));
            assertEquals(0.0, telemetrySecond.value("gstatsd_sink_dropped_flushes_total", labels("sink", sinkName)));
            assertTrue(telemetrySecond.has("gstatsd_sink_queue_depth", labels("sink", sinkName)));
            assertEquals("histogram", telemetrySecond.type("gstatsd_flush_seconds"));
            assertEquals(1.0, telemetrySecond.value("gstatsd_load_answer_seconds_count", labels("answer", "5")),
                    "the load answer is timed");
            assertTrue(telemetrySecond.value("gstatsd_flush_seconds_count", APP)
                    > telemetryFirst.value("gstatsd_flush_seconds_count", APP), "flushes are timed");
        }
    }

    /** The labels of a telemetry sample: these and the registry's scope. */
    private static Map<String, String> labels(String name, String value) {
        return Map.of(name, value, "mp_scope", "application");
    }

    /** The samples of the keys sent (not the server's own {@code statsd_*}), as {@code name{labels}} to value. */
    private static Map<String, Double> received(PrometheusText text) {
        Map<String, Double> samples = new TreeMap<>();
        for (PrometheusText.Family family : text.families()) {
            for (PrometheusText.Sample sample : family.samples()) {
                if (!sample.name().startsWith("statsd_")) {
                    samples.put(sample.name() + new TreeMap<>(sample.labels()), sample.value());
                }
            }
        }
        return samples;
    }

    private static List<String> awaitFlushWith(GraphiteCapture graphite, String linePrefix) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> flush = graphite.nextFlush(WAIT);
            if (flush.stream().anyMatch(line -> line.startsWith(linePrefix))) {
                return flush.stream().map(line -> line.substring(0, line.lastIndexOf(' '))).toList();
            }
        }
        throw new AssertionError("no flush with a line " + linePrefix + " within " + WAIT);
    }

    private static PrometheusText awaitScrape(String url, Predicate<PrometheusText> done) throws InterruptedException {
        AtomicReference<PrometheusText> last = new AtomicReference<>();
        Await.until(() -> {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return false;
                }
                last.set(PrometheusText.parse(response.body()));
                return done.test(last.get());
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, WAIT, url + " shows what was sent (last: " + (last.get() == null ? "none" : last.get().all()) + ")");
        return last.get();
    }
}
