package io.gstatsd.prometheus.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.testing.Await;
import io.gstatsd.testing.ManualClock;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusSinkTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private PrometheusSink sink;
    private String base;

    @BeforeEach
    void start() throws IOException {
        sink = new PrometheusSink(new CumulativeMetrics(List.of(90.0), List.of(), 0, new ManualClock(0)),
                new InetSocketAddress("127.0.0.1", 0), Thread::new);
        base = "http://127.0.0.1:" + sink.address().getPort();
    }

    @AfterEach
    void stop() {
        sink.close(Duration.ofSeconds(1));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void publishAndWait(long counterValue) throws InterruptedException {
        MetricSnapshots before = sink.metrics();
        sink.publish(new Snapshot(0, 10_000, List.of(new CounterValue("api.hits;env=prod", counterValue)), List.of(),
                List.of(), List.of(), 0));
        Await.until(() -> sink.metrics() != before, Duration.ofSeconds(5), "the sink folded the flush in");
    }

    @Test
    void aScrapeGetsTheCumulativeViewInTheTextFormat() throws Exception {
        HttpResponse<String> empty = get("/metrics");
        assertEquals(200, empty.statusCode());
        assertEquals("", empty.body());
        publishAndWait(3);
        publishAndWait(4);
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("# TYPE api_hits_total counter\napi_hits_total{env=\"prod\"} 7.0\n", response.body());
        long served = response.body().length();
        Await.until(() -> sink.telemetry().bytes() == served, Duration.ofSeconds(5), "the served bytes are counted");
    }

    @Test
    void aScraperThatAcceptsGzipGetsItGzipped() throws Exception {
        publishAndWait(3);
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""));
        try (InputStream body = new GZIPInputStream(response.body())) {
            assertEquals("# TYPE api_hits_total counter\napi_hits_total{env=\"prod\"} 3.0\n",
                    new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void otherPathsAndMethodsAreRefusedWithAReason() throws Exception {
        assertEquals(404, get("/metric").statusCode());
        assertEquals("no such path: /metric; the metrics are at /metrics\n", get("/metric").body());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals(200, get("/").statusCode());
    }

    @Test
    void itIsNamedByTheAddressItListensOn() {
        assertEquals("prometheus 127.0.0.1:" + sink.address().getPort(), sink.toString());
    }
}
