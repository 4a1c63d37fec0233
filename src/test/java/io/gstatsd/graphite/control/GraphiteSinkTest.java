package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.control.TimerStatistics;
import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.graphite.entity.CarbonTarget;
import io.gstatsd.graphite.entity.Namespace;
import io.gstatsd.graphite.entity.QueueBounds;
import io.gstatsd.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphiteSinkTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final GraphiteText text = new GraphiteText(
            new GraphiteFormatter(Namespace.LEGACY, new TimerStatistics(List.of(90.0)), () -> 0L));

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private GraphiteSink sink(int port, long timeoutMillis, int maxFlushes) {
        return sink(port, timeoutMillis, maxFlushes, 0);
    }

    private GraphiteSink sink(int port, long timeoutMillis, int maxFlushes, int redeliverFlushes) {
        GraphiteSink sink = new GraphiteSink(new CarbonTarget("127.0.0.1", port, timeoutMillis),
                new QueueBounds(maxFlushes, 1 << 20, redeliverFlushes), text, "stats.statsd", Clock.systemUTC(),
                Thread::new);
        toClose.add(() -> sink.close(Duration.ZERO));
        return sink;
    }

    private static Snapshot flush(long epochSeconds, double hits) {
        return new Snapshot(epochSeconds * 1000, 1000, List.of(new CounterValue("hits", hits)),
                List.of(), List.of(), List.of(), 0);
    }

    @Test
    void deliversEachFlushAsPlaintextLines() throws Exception {
        try (Carbon carbon = Carbon.listen(0)) {
            GraphiteSink sink = sink(carbon.port(), 2000, 10);
            sink.publish(flush(1_700_000_000, 3));
            carbon.awaitLine("stats_counts.hits 3 1700000000", Duration.ofSeconds(5));
            Await.until(() -> carbon.lines().stream().anyMatch(l -> l.startsWith("stats.statsd.graphiteStats.last_flush ")),
                    Duration.ofSeconds(5), "the sink's own figures after the flush");
        }
    }

    @Test
    void flushesMadeWhileGraphiteIsDownAreResentInOrderWithTheirTimestamps() throws Exception {
        int port = freePort();
        GraphiteSink sink = sink(port, 500, 10);
        sink.publish(flush(1_700_000_001, 1));
        sink.publish(flush(1_700_000_002, 2));
        Await.until(() -> sink.pendingFlushes() == 2, Duration.ofSeconds(5), "two flushes queued");
        try (Carbon carbon = Carbon.listen(port)) {
            sink.publish(flush(1_700_000_003, 3));
            carbon.awaitLine("stats_counts.hits 3 1700000003", Duration.ofSeconds(10));
            List<String> counts = carbon.lines().stream().filter(l -> l.startsWith("stats_counts.hits ")).toList();
            assertEquals(List.of("stats_counts.hits 1 1700000001", "stats_counts.hits 2 1700000002",
                    "stats_counts.hits 3 1700000003"), counts);
            Await.until(() -> sink.pendingFlushes() == 0, Duration.ofSeconds(5), "the queue emptied");
        }
    }

    @Test
    void whenTheQueueIsFullTheOldestFlushesAreDropped() throws Exception {
        int port = freePort();
        GraphiteSink sink = sink(port, 200, 2);
        for (int i = 1; i <= 5; i++) {
            sink.publish(flush(1_700_000_000 + i, i));
        }
        Await.until(() -> sink.pendingFlushes() == 2, Duration.ofSeconds(5), "the queue at its bound");
        try (Carbon carbon = Carbon.listen(port)) {
            sink.publish(flush(1_700_000_010, 10));
            carbon.awaitLine("stats_counts.hits 10 1700000010", Duration.ofSeconds(10));
            List<String> counts = carbon.lines().stream().filter(l -> l.startsWith("stats_counts.hits ")).toList();
            assertEquals(List.of("stats_counts.hits 5 1700000005", "stats_counts.hits 10 1700000010"), counts);
            Await.until(() -> carbon.lines().stream().anyMatch(l -> l.startsWith("stats.statsd.graphiteStats.dropped_flushes ")),
                    Duration.ofSeconds(5), "the drop count delivered");
            String dropped = carbon.lines().stream()
                    .filter(l -> l.startsWith("stats.statsd.graphiteStats.dropped_flushes ")).findFirst().orElseThrow();
            assertEquals("4", dropped.split(" ")[1]);
        }
    }

    @Test
    void theLastDeliveredFlushesAreSentAgainWhenAnOutageEnds() throws Exception {
        int port;
        GraphiteSink sink;
        try (Carbon carbon = Carbon.listen(0)) {
            port = carbon.port();
            sink = sink(port, 500, 10, 2);
            sink.publish(flush(1_700_000_001, 1));
            carbon.awaitLine("stats_counts.hits 1 1700000001", Duration.ofSeconds(5));
            sink.publish(flush(1_700_000_002, 2));
            carbon.awaitLine("stats_counts.hits 2 1700000002", Duration.ofSeconds(5));
        }
        // a listener closed while its thread blocks in accept() still takes connections for a moment
        Await.until(() -> refuses(port), Duration.ofSeconds(5), "the closed carbon refusing");
        sink.publish(flush(1_700_000_003, 3));
        Await.until(() -> sink.pendingFlushes() == 3, Duration.ofSeconds(5), "the new flush and the two delivered ones queued");
        try (Carbon carbon = Carbon.listen(port)) {
            carbon.awaitLine("stats_counts.hits 3 1700000003", Duration.ofSeconds(10));
            List<String> counts = carbon.lines().stream().filter(l -> l.startsWith("stats_counts.hits ")).toList();
            assertEquals(List.of("stats_counts.hits 1 1700000001", "stats_counts.hits 2 1700000002",
                    "stats_counts.hits 3 1700000003"), counts);
        }
    }

    @Test
    void flushesBiggerThanTheQueueBoundAreNotKeptForRedelivery() throws Exception {
        int port;
        GraphiteSink sink = null;
        try (Carbon carbon = Carbon.listen(0)) {
            port = carbon.port();
            // every flush here is ~200 bytes; a 100-byte bound keeps one in the queue but none for redelivery
            sink = new GraphiteSink(new CarbonTarget("127.0.0.1", port, 500), new QueueBounds(10, 100, 2), text,
                    "stats.statsd", Clock.systemUTC(), Thread::new);
            GraphiteSink closing = sink;
            toClose.add(() -> closing.close(Duration.ZERO));
            sink.publish(flush(1_700_000_001, 1));
            carbon.awaitLine("stats_counts.hits 1 1700000001", Duration.ofSeconds(5));
        }
        Await.until(() -> refuses(port), Duration.ofSeconds(5), "the closed carbon refusing");
        sink.publish(flush(1_700_000_002, 2));
        GraphiteSink outage = sink;
        // the start of the outage is when the delivered flushes are queued again, before it is reported
        Await.until(outage::unreachable, Duration.ofSeconds(5), "the outage seen");
        assertEquals(1, sink.pendingFlushes(), "only the undelivered flush: the delivered one was too big to keep");
    }

    @Test
    void aCarbonThatNeverReadsIsCutOffByTheWriteTimeoutAndTheFlushIsKept() throws Exception {
        long timeoutMillis = 300;
        int port;
        GraphiteSink sink;
        try (ServerSocket blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = blackhole.getLocalPort();
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket socket = blackhole.accept();
                        socket.setReceiveBufferSize(1024);
                        accepted.add(socket);
                    }
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            sink = sink(port, timeoutMillis, 10);
            List<CounterValue> many = new ArrayList<>();
            for (int i = 0; i < 200_000; i++) {
                many.add(new CounterValue("key.number." + i, i));
            }
            // ~18 MB of text: far more than the socket buffers of both ends hold, so the write stalls
            sink.publish(new Snapshot(1_700_000_000_000L, 1000, many, List.of(), List.of(), List.of(), 0));
            Await.until(() -> !accepted.isEmpty(), Duration.ofSeconds(5), "the sink connected");
            // the buffers fill in milliseconds; then no progress for one timeout, with ample room for a busy machine
            Await.until(sink::unreachable, Duration.ofMillis(10 * timeoutMillis), "the stalled write given up");
            assertEquals(1, sink.pendingFlushes(), "the undelivered flush stays queued");
            for (Socket socket : accepted) {
                socket.close();
            }
        }
        Await.until(() -> refuses(port), Duration.ofSeconds(5), "the blackhole gone");
        try (Carbon carbon = Carbon.listen(port)) {
            Await.until(() -> carbon.lines().stream().anyMatch(l -> l.startsWith("stats.statsd.graphiteStats.last_exception ")),
                    Duration.ofSeconds(15), "the kept flush and the figures after it delivered to a carbon that reads");
            List<String> lines = carbon.lines();
            assertTrue(lines.contains("stats_counts.key.number.0 0 1700000000"));
            assertTrue(lines.contains("stats_counts.key.number.199999 199999 1700000000"));
            String lastException = lines.stream()
                    .filter(l -> l.startsWith("stats.statsd.graphiteStats.last_exception ")).findFirst().orElseThrow();
            assertTrue(Long.parseLong(lastException.split(" ")[1]) > 0, "the failed attempt is reported: " + lastException);
            assertEquals(0, sink.pendingFlushes());
        }
    }

    @Test
    void flushesUndeliveredAtShutdownAreKeptAndSentFirstAfterTheNextStart(@TempDir Path stateDir) throws Exception {
        CarbonTarget target = new CarbonTarget("127.0.0.1", freePort(), 500);
        GraphiteSink stopping = keepingSink(target, 10, stateDir);
        stopping.publish(flush(1_700_000_001, 1));
        stopping.publish(flush(1_700_000_002, 2));
        Await.until(() -> stopping.pendingFlushes() == 2 && stopping.unreachable(), Duration.ofSeconds(5),
                "two flushes queued in an outage");
        stopping.close(Duration.ofSeconds(2));
        Path file = new KeptFlushes(stateDir, target).path();
        assertTrue(Files.exists(file), "kept in the state directory");
        try (Carbon carbon = Carbon.listen(target.port())) {
            GraphiteSink starting = keepingSink(target, 10, stateDir);
            starting.publish(flush(1_700_000_003, 3));
            carbon.awaitLine("stats_counts.hits 3 1700000003", Duration.ofSeconds(10));
            List<String> counts = carbon.lines().stream().filter(l -> l.startsWith("stats_counts.hits ")).toList();
            assertEquals(List.of("stats_counts.hits 1 1700000001", "stats_counts.hits 2 1700000002",
                    "stats_counts.hits 3 1700000003"), counts);
            assertFalse(Files.exists(file), "taken by the new sink");
        }
    }

    @Test
    void keptFlushesBeyondTheQueueBoundAreDroppedOldestFirst(@TempDir Path stateDir) throws Exception {
        CarbonTarget target = new CarbonTarget("127.0.0.1", freePort(), 500);
        GraphiteSink stopping = keepingSink(target, 10, stateDir);
        for (int i = 1; i <= 5; i++) {
            stopping.publish(flush(1_700_000_000 + i, i));
        }
        Await.until(() -> stopping.pendingFlushes() == 5, Duration.ofSeconds(5), "five flushes queued");
        stopping.close(Duration.ofSeconds(2));
        try (Carbon carbon = Carbon.listen(target.port())) {
            keepingSink(target, 2, stateDir);
            carbon.awaitLine("stats_counts.hits 5 1700000005", Duration.ofSeconds(10));
            Await.until(() -> carbon.lines().stream().anyMatch(l -> l.startsWith("stats.statsd.graphiteStats.dropped_flushes ")),
                    Duration.ofSeconds(5), "the drop count delivered");
            List<String> counts = carbon.lines().stream().filter(l -> l.startsWith("stats_counts.hits ")).toList();
            assertEquals(List.of("stats_counts.hits 4 1700000004", "stats_counts.hits 5 1700000005"), counts);
            assertTrue(carbon.lines().stream().anyMatch(l -> l.startsWith("stats.statsd.graphiteStats.dropped_flushes 3 ")),
                    "three dropped: " + carbon.lines());
        }
    }

    private GraphiteSink keepingSink(CarbonTarget target, int maxFlushes, Path stateDir) {
        GraphiteSink sink = new GraphiteSink(target, new QueueBounds(maxFlushes, 1 << 20, 0), text, "stats.statsd",
                Clock.systemUTC(), Thread::new, new KeptFlushes(stateDir, target));
        toClose.add(() -> sink.close(Duration.ZERO));
        return sink;
    }

    private static boolean refuses(int port) {
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A plaintext receiver on a chosen port (0 for any), recording every line; in a queue, as a copy-on-write
     * list would copy itself at each line of a large flush.
     */
    private static final class Carbon implements AutoCloseable {
        private final ServerSocket server;
        private final Queue<String> lines = new ConcurrentLinkedQueue<>();

        private Carbon(ServerSocket server) {
            this.server = server;
            Thread thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept();
                         BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            lines.add(line);
                        }
                    } catch (IOException ignored) {
                        // closed
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        static Carbon listen(int port) throws IOException {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return new Carbon(server);
        }

        int port() {
            return server.getLocalPort();
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        void awaitLine(String line, Duration timeout) throws InterruptedException {
            Await.until(() -> lines.contains(line), timeout, "carbon received \"" + line + "\"");
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
