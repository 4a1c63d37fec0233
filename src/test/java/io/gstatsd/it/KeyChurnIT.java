package io.gstatsd.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keys that come and go, through {@code payara/gstatsd} and real UDP: a server whose keys are forgotten
 * never locks new keys out. (Flushes are read by an in-test Graphite listener: 12,000 keys would make
 * carbon-cache write 12,000 whisper files, gigabytes at the tests' 1-second retention.)
 */
class KeyChurnIT {

    private static final int INTERVALS = 8;

    @Test
    void withDeleteIdle1500NewKeysPerIntervalUnderMaxKeys2000AreAllCounted() throws Exception {
        Churn churn = run("churn-delete-idle", 1500, "-Dgstatsd.max-keys=2000", "-Dgstatsd.delete-idle=true");
        assertEquals(INTERVALS * 1500 * 2.0, churn.counted, "every count of every key");
        assertEquals(0, churn.overLimit);
    }

    @Test
    void withAKeyTtlIdleKeysMakeRoomForNewOnes() throws Exception {
        // a key lives for its interval and the 2 s of TTL after it: 3 intervals of 500 keys at most
        Churn churn = run("churn-ttl", 500, "-Dgstatsd.max-keys=2000", "-Dgstatsd.key-ttl=2");
        assertEquals(INTERVALS * 500 * 2.0, churn.counted, "every count of every key");
        assertEquals(0, churn.overLimit);
    }

    @Test
    void keptForEverTheSameStreamRunsIntoMaxKeys() throws Exception {
        Churn churn = run("churn-for-ever", 500, "-Dgstatsd.max-keys=2000", "-Dgstatsd.key-ttl=0");
        assertTrue(churn.overLimit >= INTERVALS * 500 - 2000, "the control: " + churn.overLimit + " refused");
    }

    private record Churn(double counted, double overLimit) {
    }

    /** Sends {@code keysPerInterval} never-seen counters (value 2) right after each flush, for 8 intervals. */
    private static Churn run(String name, int keysPerInterval, String... options) throws Exception {
        try (GraphiteReceiver graphite = GraphiteReceiver.start()) {
            String[] all = new String[options.length + 4];
            all[0] = "-s";
            all[1] = "127.0.0.1:" + graphite.port();
            all[2] = "-f";
            all[3] = "1";
            System.arraycopy(options, 0, all, 4, options.length);
            double counted = 0;
            double overLimit = 0;
            try (GstatsdProcess gstatsd = GstatsdProcess.start(name, Ports.freeUdpPort(), all)) {
                assertNotNull(graphite.nextConnectionLines(Duration.ofSeconds(10)), "a first flush");
                for (int interval = 0; interval < INTERVALS + 3; interval++) {
                    if (interval < INTERVALS) {
                        send(gstatsd, interval, keysPerInterval);
                    }
                    List<String> lines = graphite.nextConnectionLines(Duration.ofSeconds(10));
                    assertNotNull(lines, "a flush after interval " + interval);
                    counted += sum(lines, "stats_counts.churn.");
                    overLimit += sum(lines, "stats_counts.statsd.keys_over_limit");
                }
            }
            return new Churn(counted, overLimit);
        }
    }

    private static void send(GstatsdProcess gstatsd, int interval, int keys) throws Exception {
        StringBuilder datagram = new StringBuilder();
        for (int k = 0; k < keys; k++) {
            datagram.append("churn.i").append(interval).append(".k").append(k).append(":2|c\n");
            if (datagram.length() > 8000) {
                gstatsd.send(datagram.toString());
                datagram.setLength(0);
            }
        }
        if (datagram.length() > 0) {
            gstatsd.send(datagram.toString());
        }
    }

    /** The values of every line whose name starts so, each flush of the connection counted. */
    private static double sum(List<String> lines, String namePrefix) {
        return lines.stream().map(line -> line.split(" ")).filter(parts -> parts[0].startsWith(namePrefix))
                .mapToDouble(parts -> Double.parseDouble(parts[1])).sum();
    }
}
