package io.gstatsd.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load resources of the deployed WAR on Payara Micro: status codes, text and JSON, prefix filter. */
@ExtendWith(ArquillianExtension.class)
class LoadResourceIT {

    private static final int UDP_PORT = Ports.freeUdpPort();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    URL deployed;

    private String base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWar.with(
                "gstatsd.bind=127.0.0.1:" + UDP_PORT,
                "gstatsd.sink-type=load",
                "gstatsd.flush-interval=1",
                "gstatsd.percent=90");
    }

    @BeforeEach
    void base() {
        String path = deployed.getPath().endsWith("/") ? deployed.getPath() : deployed.getPath() + "/";
        base = "http://127.0.0.1:" + deployed.getPort() + path;
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void send(String datagram) throws IOException {
        Udp.send(UDP_PORT, datagram);
    }

    private String awaitText(String path, String needle) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get(path, null).body();
            if (body.contains(needle)) {
                return body;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(needle + " not in " + path + ":\n" + body);
    }

    @Test
    void windowsAnswerPlainTextWithTheWindowFirst() throws Exception {
        send("load.hits:3|c\nload.hits:4|c\nload.rt:100|ms\nload.rt:200|ms\nload.temp:5|g\nload.users:a|s\nload.users:b|s");
        String body = awaitText("15", "stats_counts.load.hits 7\n");
        String[] lines = body.split("\n");
        assertTrue(lines[0].startsWith("window.start "), body);
        assertTrue(lines[1].startsWith("window.end "), body);
        assertTrue(body.contains("stats.timers.load.rt.upper 200\n"), body);
        assertTrue(body.contains("stats.timers.load.rt.count 2\n"), body);
        assertTrue(body.contains("stats.gauges.load.temp.last 5\n"), body);
        assertTrue(body.contains("stats.sets.load.users.count 2\n"), body);
        for (String path : new String[] {"1", "5"}) {
            HttpResponse<String> response = get(path, null);
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        }
        for (String path : new String[] {"1/full", "5/full", "15/full"}) {
            assertEquals(200, get(path, null).statusCode(), path);
        }
    }

    @Test
    void jsonIsGivenWhenAsked() throws Exception {
        send("json.hits:2|c");
        awaitText("5", "stats_counts.json.hits 2\n");
        HttpResponse<String> response = get("5", "application/json");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(response.body().startsWith("{\"window.start\":"), response.body());
        assertTrue(response.body().contains("\"stats_counts.json.hits\":2"), response.body());
    }

    @Test
    void prefixLimitsTheAnswerToKeysUnderIt() throws Exception {
        send("pre.a.x:1|c\npre.b.x:1|c\npre.ab:1|c");
        // the 5-minute window: the 1-minute one is the current wall-clock minute, which may end between two reads
        awaitText("5", "stats_counts.pre.b.x 1\n");
        String body = get("5?prefix=pre.a", null).body();
        assertTrue(body.contains("stats_counts.pre.a.x 1\n"), body);
        assertFalse(body.contains("pre.b.x"), body);
        assertFalse(body.contains("pre.ab"), body);
    }

    @Test
    void otherWindowsAndPathsAre404WithOneLineAndOtherMethods405() throws Exception {
        for (String path : new String[] {"2", "60", "1/partial", "nothing/here", "5/full/x"}) {
            HttpResponse<String> response = get(path, null);
            assertEquals(404, response.statusCode(), path);
            assertEquals(1, response.body().strip().split("\n").length, response.body());
        }
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(base + "5"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertFalse(post.body().contains("Exception"), post.body());
    }

    @Test
    void theRootIsTheLivePageForABrowserAndItsRowsAreJson() throws Exception {
        send("live.hits:4|c");
        awaitText("1", "stats_counts.live.hits 4\n");
        HttpResponse<String> page = get("", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<title>gstatsd load</title>"), page.body());
        HttpResponse<String> text = get("", null);
        assertEquals(200, text.statusCode());
        assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        HttpResponse<String> rows = get("live?startsWith=live.&sort=name&limit=10", null);
        assertEquals(200, rows.statusCode());
        assertTrue(rows.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(rows.body().contains("{\"key\":\"live.hits\",\"type\":\"counter\",\"w1\":{\"rate\":"), rows.body());
        HttpResponse<String> bad = get("live?sort=size", null);
        assertEquals(400, bad.statusCode());
        assertEquals("sort must be rate or name, got \"size\"\n", bad.body());
    }
}
