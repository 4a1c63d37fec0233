package io.gstatsd.it;

import io.gstatsd.testing.Await;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code payara/gstatsd} as an operator sees it: the console at start-up, and the health probes. */
class OperationsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theConsoleShowsOneReadyLineAndNoneOfPayarasBootLogAndEveryProbeIsUp() throws Exception {
        int httpPort = Ports.freeTcpPort();
        try (GstatsdProcess gstatsd = GstatsdProcess.start("operations-console", Ports.freeUdpPort(),
                "-f", "1", "-Dgstatsd.http.bind=127.0.0.1:" + httpPort)) {
            String console = gstatsd.output();
            assertEquals(1, console.lines().filter(line -> line.contains(" ready in ")).count(), console);
            String ready = gstatsd.readyLine();
            assertTrue(ready.startsWith("gstatsd ") && ready.contains("receiving statsd on UDP 127.0.0.1:")
                    && ready.contains("flushing every 1 s to console")
                    && ready.contains("health at http://127.0.0.1:" + httpPort + "/health"), ready);
            assertFalse(console.contains("[INFO]"), console);
            assertTrue(Files.readString(GstatsdProcess.home().resolve("target/payara.log")).contains("Payara Micro"),
                    "Payara's boot log is in its file");
            String base = "http://127.0.0.1:" + httpPort + "/health/";
            for (String probe : new String[] {"live", "ready", "started"}) {
                HttpResponse<String> answer = awaitStatus(base + probe, 200, Duration.ofSeconds(30));
                assertTrue(answer.body().contains("\"gstatsd-"), answer.body());
            }
        }
    }

    @Test
    void datagramsSentWhilePayaraBootsWaitInTheEarlyBoundSocketAndAreStored() throws Exception {
        Path carbonDir = Path.of("target/carbon-early-bind");
        GstatsdProcess.deleteRecursively(carbonDir);
        long from = System.currentTimeMillis() / 1000 - 5;
        int udpPort = Ports.freeUdpPort();
        try (Carbon carbon = Carbon.start(carbonDir, "1s:1h");
             GstatsdProcess gstatsd = GstatsdProcess.launch("operations-early-bind", udpPort,
                     "-s", "127.0.0.1:" + carbon.linePort(), "-f", "1")) {
            Ports.awaitUdpBound(udpPort, Duration.ofSeconds(60));
            for (int i = 0; i < 2000; i++) {
                gstatsd.send("early.boot:1|c");
            }
            assertFalse(gstatsd.ready(), "all sent before the server was ready, or this proves nothing");
            gstatsd.awaitReady();
            String ready = gstatsd.readyLine();
            assertTrue(ready.contains(" s after launch, what came since waited in that buffer"), ready);
            SortedMap<Long, Double> points = carbon.awaitPoints("stats_counts.early.boot", from, from + 3600,
                    stored -> Carbon.sum(stored) >= 2000, Duration.ofSeconds(60));
            assertEquals(2000.0, Carbon.sum(points), "every datagram sent during the boot: " + points);
        }
    }

    @Test
    void readinessGoesDownWhenASinksQueueIsFullAndLivenessStaysUp() throws Exception {
        int httpPort = Ports.freeTcpPort();
        int nobodyListens = Ports.freeTcpPort();
        try (GstatsdProcess gstatsd = GstatsdProcess.start("operations-queue-full", Ports.freeUdpPort(),
                "-f", "0.2", "-s", "127.0.0.1:" + nobodyListens, "-Dgstatsd.graphite.queue-seconds=0",
                "-Dgstatsd.graphite.timeout-millis=200", "-Dgstatsd.http.bind=127.0.0.1:" + httpPort)) {
            String base = "http://127.0.0.1:" + httpPort + "/health/";
            HttpResponse<String> ready = awaitStatus(base + "ready", 503, Duration.ofSeconds(60));
            assertTrue(ready.body().contains("\"sinksBehind\":\"graphite 127.0.0.1:" + nobodyListens + "\""), ready.body());
            assertEquals(200, get(base + "live").statusCode());
        }
    }

    private static HttpResponse<String> awaitStatus(String url, int status, Duration timeout) throws InterruptedException {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        Await.until(() -> {
            last.set(get(url));
            return last.get() != null && last.get().statusCode() == status;
        }, timeout, url + " answers " + status + " (last: " + last + ")");
        return last.get();
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }
}
