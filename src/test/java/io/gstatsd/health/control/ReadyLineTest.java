package io.gstatsd.health.control;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadyLineTest {

    @Test
    void theReadyLineNamesVersionUdpSinksIntervalAndStartUpTime() {
        assertEquals("gstatsd 1.2.0 ready in 4.3 s: receiving statsd on UDP :8125 (receive buffer 8388608 bytes);"
                        + " flushing every 2.5 s to graphite a:2003, graphite b:2003; health at http://127.0.0.1:8080/health",
                ReadyLine.text("1.2.0", "receiving statsd on UDP :8125 (receive buffer 8388608 bytes)",
                        List.of("graphite a:2003", "graphite b:2003"), 2_500, "127.0.0.1:8080", 4_321));
    }

    @Test
    void wholeSecondsHaveNoFractionAndAnUnknownHttpPortIsLeftOut() {
        assertEquals("gstatsd 1 ready in 10.0 s: receiving statsd on UDP :8125; flushing every 10 s to console",
                ReadyLine.text("1", "receiving statsd on UDP :8125", List.of("console"), 10_000, null, 9_960));
    }
}
