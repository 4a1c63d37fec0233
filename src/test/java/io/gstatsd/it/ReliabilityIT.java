package io.gstatsd.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graphite outages, dead sinks, shutdown and too many keys, end to end through payara/gstatsd and carbon. */
class ReliabilityIT {

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void countsSentWhileCarbonIsDownAreStoredAtTheirOriginalTimestamps() throws Exception {
        long from = now() - 5;
        try (Carbon carbon = Carbon.start(Path.of("target/carbon-outage"));
             GstatsdProcess gstatsd = GstatsdProcess.start("outage", Ports.freeUdpPort(),
                     "-s", "127.0.0.1:" + carbon.linePort(), "-f", "1")) {
            int sent = 0;
            long stoppedAt = 0;
            long restartedAt = 0;
            for (int tick = 0; tick < 80; tick++) {
                if (tick == 15) {
                    carbon.stop();
                    stoppedAt = now();
                }
                if (tick == 55) {
                    carbon.restart();
                    restartedAt = now();
                }
                gstatsd.send("rel.outage:1|c");
                sent++;
                Thread.sleep(100);
            }
            int total = sent;
            SortedMap<Long, Double> points = carbon.awaitPoints("stats_counts.rel.outage", from, now() + 60,
                    p -> Carbon.sum(p) >= total, Duration.ofSeconds(60));
            assertEquals(total, Carbon.sum(points), points.toString());
            long outageStart = stoppedAt + 1;
            long outageEnd = restartedAt - 1;
            long storedDuringOutage = points.entrySet().stream()
                    .filter(e -> e.getKey() >= outageStart && e.getKey() <= outageEnd && e.getValue() > 0).count();
            assertTrue(storedDuringOutage >= 2, "points at timestamps of the outage " + outageStart + ".." + outageEnd
                    + ": " + points);
        }
    }

    @Test
    void sinksThatNeverAcceptOrNeverReadDelayNeitherCarbonNorTheFlushes() throws Exception {
        long from = now() - 5;
        try (Blackholes blackholes = new Blackholes();
             Carbon carbon = Carbon.start(Path.of("target/carbon-blackhole"));
             GstatsdProcess gstatsd = GstatsdProcess.start("blackhole", Ports.freeUdpPort(),
                     "-s", "127.0.0.1:" + blackholes.neverReads.getLocalPort(),
                     "-s", "127.0.0.1:" + blackholes.neverAccepts.getLocalPort(),
                     "-s", "127.0.0.1:" + carbon.linePort(), "-f", "1",
                     "-Dgstatsd.graphite.timeout-millis=1000")) {
            for (int tick = 0; tick < 50; tick++) {
                gstatsd.send("rel.blackhole:1|c");
                Thread.sleep(100);
            }
            SortedMap<Long, Double> points = carbon.awaitPoints("stats_counts.rel.blackhole", from, now() + 60,
                    p -> Carbon.sum(p) >= 50, Duration.ofSeconds(10));
            assertEquals(50.0, Carbon.sum(points), points.toString());
            long flushesWithCounts = points.values().stream().filter(v -> v > 0).count();
            assertTrue(flushesWithCounts >= 4, "one flush a second reached carbon: " + points);
            assertTrue(gstatsd.output().contains("unreachable"), "the dead sink's outage is logged");
        }
    }

    @Test
    void withoutAStateDirectorySigtermSendsThePartialIntervalStampedWithTheEndOfItsInterval() throws Exception {
        long from = now() - 5;
        try (Carbon carbon = Carbon.start(Path.of("target/carbon-shutdown"))) {
            GstatsdProcess gstatsd = GstatsdProcess.start("shutdown", Ports.freeUdpPort(),
                    "-s", "127.0.0.1:" + carbon.linePort(), "-f", "10", "-Dgstatsd.state-dir=");
            try {
                gstatsd.send("rel.shutdown:42|c");
                Thread.sleep(500);
                assertTrue(gstatsd.terminate(Duration.ofSeconds(15)), "exits within 15 s of SIGTERM");
            } finally {
                gstatsd.close();
            }
            // whisper-fetch shows a point only once its time has come: up to one interval after the stop
            SortedMap<Long, Double> points = carbon.awaitPoints("stats_counts.rel.shutdown", from, now() + 60,
                    p -> Carbon.sum(p) >= 42, Duration.ofSeconds(30));
            assertEquals(42.0, Carbon.sum(points), points.toString());
            points.forEach((second, value) -> assertTrue(value == 0 || second % 10 == 0,
                    "stamped with the end of a 10 s interval: " + points));
        }
    }

    @Test
    void newKeysBeyondMaxKeysAreDroppedAndCountedWhileKnownKeysKeepCounting() throws Exception {
        long from = now() - 5;
        try (Carbon carbon = Carbon.start(Path.of("target/carbon-cardinality"));
             GstatsdProcess gstatsd = GstatsdProcess.start("cardinality", Ports.freeUdpPort(),
                     "-s", "127.0.0.1:" + carbon.linePort(), "-f", "1", "-Dgstatsd.max-keys=20")) {
            StringBuilder keys = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                keys.append("card.k").append(i).append(":1|c\n");
            }
            gstatsd.send(keys.toString());
            Thread.sleep(1500);
            gstatsd.send("card.k0:5|c\ncard.k60:1|c");
            // A minute: one failed delivery on a busy machine puts the rest off by the sink's backoff (1, 2, 4... s),
            // and what is asked here is that nothing is lost, not how soon it arrives.
            SortedMap<Long, Double> known = carbon.awaitPoints("stats_counts.card.k0", from, now() + 120,
                    p -> Carbon.sum(p) >= 6, Duration.ofSeconds(60));
            SortedMap<Long, Double> over = carbon.awaitPoints("stats_counts.statsd.keys_over_limit", from, now() + 120,
                    p -> Carbon.sum(p) >= 31, Duration.ofSeconds(60));
            // what the server counted and said, so that a failure here tells a lost datagram from a lost point
            String seen = "card.k0 " + known + "\nkeys_over_limit " + over + "\nmetrics_received "
                    + carbon.fetch("stats_counts.statsd.metrics_received", from, now() + 60) + "\nkernel_drops "
                    + carbon.fetch("stats_counts.statsd.kernel_drops", from, now() + 60) + "\n" + gstatsd.tail();
            assertEquals(6.0, Carbon.sum(known), seen);
            assertEquals(31.0, Carbon.sum(over), "30 new keys of the first datagram and card.k60\n" + seen);
            assertFalse(carbon.fetch("stats_counts.card.k49", from, now() + 60).values().stream().anyMatch(v -> v > 0));
        }
    }

    /** One listener that accepts and never reads, one whose backlog is full so connects time out. */
    private static final class Blackholes implements AutoCloseable {
        final ServerSocket neverReads;
        final ServerSocket neverAccepts;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final List<Socket> fillers = new CopyOnWriteArrayList<>();

        Blackholes() throws IOException {
            neverReads = new ServerSocket();
            neverReads.setReceiveBufferSize(2048);
            neverReads.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(neverReads.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            neverAccepts = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            for (int i = 0; i < 4; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(neverAccepts.getLocalSocketAddress(), 200);
                    fillers.add(filler);
                } catch (IOException queueFull) {
                    filler.close();
                    break;
                }
            }
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : held) {
                socket.close();
            }
            for (Socket socket : fillers) {
                socket.close();
            }
            neverReads.close();
            neverAccepts.close();
        }
    }
}
