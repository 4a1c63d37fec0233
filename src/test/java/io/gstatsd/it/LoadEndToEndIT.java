package io.gstatsd.it;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code payara/gstatsd -t load}: real UDP datagrams in, the 1/5/15-minute answers over HTTP. */
class LoadEndToEndIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void loadSinkAnswersOnTheSinkAddressWhatWasSent() throws Exception {
        int httpPort = Ports.freeTcpPort();
        try (GstatsdProcess gstatsd = GstatsdProcess.start("load-e2e", Ports.freeUdpPort(),
                "-s", "127.0.0.1:" + httpPort, "-t", "load", "-f", "1", "-p", "50")) {
            for (int i = 1; i <= 10; i++) {
                gstatsd.send("web.hits:1|c\nweb.rt:" + (i * 10) + "|ms\nweb.users:u" + (i % 4) + "|s");
            }
            gstatsd.send("web.queue:12|g");
            String base = "http://127.0.0.1:" + httpPort + "/";
            Map<String, String> fifteen = awaitFigures(base + "15", "stats_counts.web.hits", "10");
            assertEquals("10", fifteen.get("stats.timers.web.rt.count"));
            assertEquals("10", fifteen.get("stats.timers.web.rt.lower"));
            assertEquals("100", fifteen.get("stats.timers.web.rt.upper"));
            assertEquals("55", fifteen.get("stats.timers.web.rt.mean"));
            assertEquals("50", fifteen.get("stats.timers.web.rt.upper_50"));
            assertEquals("4", fifteen.get("stats.sets.web.users.count"));
            assertEquals("12", fifteen.get("stats.gauges.web.queue.last"));
            assertTrue(Long.parseLong(fifteen.get("window.end")) > Long.parseLong(fifteen.get("window.start")));

            HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(URI.create(base + "1?prefix=web.hits"))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, json.statusCode());
            assertTrue(json.body().contains("\"stats_counts.web.hits\":10"), json.body());
            assertTrue(!json.body().contains("web.rt"), json.body());
            assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(base + "7")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    private static Map<String, String> awaitFigures(String url, String name, String value) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, String> figures = Map.of();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            figures = new HashMap<>();
            for (String line : response.body().split("\n")) {
                String[] pair = line.split(" ");
                if (pair.length == 2) {
                    figures.put(pair[0], pair[1]);
                }
            }
            if (value.equals(figures.get(name))) {
                return figures;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " never became " + value + " at " + url + ": " + figures);
    }
}
