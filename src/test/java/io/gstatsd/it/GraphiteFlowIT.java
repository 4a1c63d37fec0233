package io.gstatsd.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The deployed WAR on Payara Micro: real UDP datagrams in, Graphite plaintext out to a socket of the test.
 */
@ExtendWith(ArquillianExtension.class)
class GraphiteFlowIT {

    private static final int UDP_PORT = Ports.freeUdpPort();
    private static final GraphiteReceiver GRAPHITE = GraphiteReceiver.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWar.with(
                "gstatsd.bind=127.0.0.1:" + UDP_PORT,
                "gstatsd.sinks=127.0.0.1:" + GRAPHITE.port(),
                "gstatsd.flush-interval=1",
                "gstatsd.percent=90,99");
    }

    @AfterAll
    static void stopGraphite() {
        GRAPHITE.close();
    }

    @Test
    void countersTimersGaugesAndSetsSentOverUdpReachGraphite() throws Exception {
        send("it.hits:1|c\nit.hits:2|c|@0.5\nit.rt:10|ms\nit.rt:30|ms\nit.temp:21.5|g\nit.users:a|s\nit.users:b|s\n");
        send("it.hits:1|c\nthis is not a metric\nit.users:a|s");

        Map<String, String> flushed = GRAPHITE.awaitFlushContaining("stats_counts.it.hits", Duration.ofSeconds(30));
        assertEquals("6", flushed.get("stats_counts.it.hits"));
        assertEquals("6", flushed.get("stats.it.hits"));
        assertEquals("2", flushed.get("stats.timers.it.rt.count"));
        assertEquals("20", flushed.get("stats.timers.it.rt.mean"));
        assertEquals("30", flushed.get("stats.timers.it.rt.upper_99"));
        assertEquals("21.5", flushed.get("stats.gauges.it.temp"));
        assertEquals("2", flushed.get("stats.sets.it.users.count"));
        assertEquals("1", flushed.get("stats_counts.statsd.bad_lines_seen"));
        assertEquals("2", flushed.get("stats_counts.statsd.packets_received"));
        assertEquals("10", flushed.get("stats_counts.statsd.metrics_received"));
        assertEquals(String.valueOf(keysIn(flushed)), flushed.get("statsd.numStats"),
                "numStats counts every counter, timer, gauge and set of the flush");
    }

    @Test
    void theNextFlushSendsIdleCountersAsZeroAndKeepsGauges() throws Exception {
        send("idle.c:5|c\nidle.g:3|g");
        GRAPHITE.awaitFlushContaining("stats_counts.idle.c", Duration.ofSeconds(30));
        Map<String, String> next = GRAPHITE.awaitFlushWhere(
                flush -> "0".equals(flush.get("stats_counts.idle.c")), Duration.ofSeconds(10));
        assertEquals("3", next.get("stats.gauges.idle.g"));
    }

    /** The counters, timers, gauges and sets a legacy-namespace flush names, the way Etsy's numStats counts them. */
    private static long keysIn(Map<String, String> flush) {
        return flush.keySet().stream().filter(name -> name.startsWith("stats_counts.")
                || name.startsWith("stats.timers.") && name.endsWith(".count")
                || name.startsWith("stats.gauges.")
                || name.startsWith("stats.sets.") && name.endsWith(".count")).count();
    }

    private static void send(String datagram) throws IOException {
        Udp.send(UDP_PORT, datagram);
    }
}
