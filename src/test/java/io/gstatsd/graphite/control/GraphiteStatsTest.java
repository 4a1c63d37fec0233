package io.gstatsd.graphite.control;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GraphiteStatsTest {

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

    private static String text(ByteBuffer lines) {
        return StandardCharsets.UTF_8.decode(lines).toString();
    }

    @Test
    void beforeAnyDeliveryTheLastFlushIsTheStartAndNothingFailed() {
        assertEquals("""
                stats.statsd.graphiteStats.last_exception 0 1700000000
                stats.statsd.graphiteStats.last_flush 1700000000 1700000000
                stats.statsd.graphiteStats.flush_time 0 1700000000
                stats.statsd.graphiteStats.flush_length 0 1700000000
                stats.statsd.graphiteStats.dropped_flushes 0 1700000000
                """, text(new GraphiteStats("stats.statsd", clock).lines(0)));
    }

    @Test
    void aFailureTheLastWriteAndTheDropsAreReported() {
        GraphiteStats stats = new GraphiteStats("stats", clock);
        stats.failed();
        stats.wrote(12_900_000, 4096);
        stats.delivered();
        assertEquals("""
                stats.graphiteStats.last_exception 1700000000 1700000000
                stats.graphiteStats.last_flush 1700000000 1700000000
                stats.graphiteStats.flush_time 12 1700000000
                stats.graphiteStats.flush_length 4096 1700000000
                stats.graphiteStats.dropped_flushes 7 1700000000
                """, text(stats.lines(7)));
    }
}
