package io.gstatsd.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the client puts on the wire, read by a real UDP socket. */
class StatsClientTest {

    private DatagramSocket server;

    @BeforeEach
    void listen() throws IOException {
        server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.setSoTimeout(2000);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private StatsClient.Builder client() {
        return StatsClient.builder().host("127.0.0.1").port(server.getLocalPort());
    }

    private String receive() throws IOException {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        server.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private List<String> receiveAll() throws IOException {
        List<String> datagrams = new ArrayList<>();
        server.setSoTimeout(300);
        try {
            while (true) {
                datagrams.add(receive());
            }
        } catch (SocketTimeoutException done) {
            return datagrams;
        }
    }

    @Test
    void eachMetricTypeIsWrittenAsTheServerParsesIt() throws IOException {
        try (StatsClient client = client().build()) {
            client.increment("a.hits");
            assertEquals("a.hits:1|c", receive());
            client.decrement("a.hits");
            assertEquals("a.hits:-1|c", receive());
            client.count("a.bytes", 1500);
            assertEquals("a.bytes:1500|c", receive());
            client.timer("a.rt", 12.5);
            assertEquals("a.rt:12.5|ms", receive());
            client.gauge("a.temp", 21);
            assertEquals("a.temp:21|g", receive());
            client.gaugeDelta("a.temp", 2);
            assertEquals("a.temp:+2|g", receive());
            client.gaugeDelta("a.temp", -0.5);
            assertEquals("a.temp:-0.5|g", receive());
            client.set("a.users", "alice");
            assertEquals("a.users:alice|s", receive());
        }
    }

    @Test
    void aNegativeGaugeIsSentAsAResetAndADeltaInOneDatagram() throws IOException {
        try (StatsClient client = client().build()) {
            client.gauge("temp", -5);
            assertEquals("temp:0|g\ntemp:-5|g", receive());
        }
    }

    @Test
    void numbersHaveNoExponentAndADotInEveryLocale() throws IOException {
        Locale previous = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try (StatsClient client = client().build()) {
            client.timer("t", 0.0000123);
            assertEquals("t:0.0000123|ms", receive());
            client.gauge("g", 1.5e20);
            assertEquals("g:150000000000000000000|g", receive());
            client.count("c", 2.5, 1.0);
            assertEquals("c:2.5|c", receive());
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void aSampledMetricIsSentOnlyWhenDrawnAndCarriesItsRate() throws IOException {
        double[] draws = {0.05, 0.5, 0.09};
        int[] next = {0};
        try (StatsClient client = client().random(() -> draws[next[0]++]).build()) {
            client.increment("s", 0.1);
            client.increment("s", 0.1);
            client.timer("t", 3, 0.1);
            assertEquals(List.of("s:1|c|@0.1", "t:3|ms|@0.1"), receiveAll());
        }
    }

    @Test
    void batchingPacksLinesUpToTheDatagramSize() throws IOException {
        try (StatsClient client = client().batching(64, Duration.ofSeconds(60)).build()) {
            for (int i = 0; i < 10; i++) {
                client.increment("key.number." + i);
            }
            client.flush();
            List<String> datagrams = receiveAll();
            assertTrue(datagrams.size() >= 3, datagrams.toString());
            List<String> lines = new ArrayList<>();
            for (String datagram : datagrams) {
                assertTrue(datagram.getBytes(StandardCharsets.UTF_8).length <= 64, datagram);
                lines.addAll(List.of(datagram.split("\n")));
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                expected.add("key.number." + i + ":1|c");
            }
            assertEquals(expected, lines);
        }
    }

    @Test
    void batchedLinesAreSentAfterTheDelayWithoutAFlush() throws IOException {
        try (StatsClient client = client().batching(1432, Duration.ofMillis(50)).build()) {
            client.increment("a");
            client.increment("b");
            assertEquals("a:1|c\nb:1|c", receive());
        }
    }

    @Test
    void closeSendsWhatIsPendingAndLaterMetricsAreCountedAsErrors() throws IOException {
        StatsClient client = client().batching(1432, Duration.ofSeconds(60)).build();
        client.increment("pending");
        client.close();
        assertEquals("pending:1|c", receive());
        client.increment("late");
        assertEquals(1, client.errors());
    }

    @Test
    void valuesTheServerWouldRejectAreDroppedAndCounted() throws IOException {
        try (StatsClient client = client().build()) {
            client.timer("t", -1);
            client.gauge("g", Double.NaN);
            client.count("c", Double.POSITIVE_INFINITY, 1.0);
            client.set("s", "a|b");
            assertEquals(4, client.errors());
            assertEquals(List.of(), receiveAll());
        }
    }

    @Test
    void anUnresolvableHostNeverThrowsAndCountsErrors() {
        try (StatsClient client = StatsClient.builder().host("no-such-host.invalid").port(8125).build()) {
            client.increment("a");
            client.timer("b", 1);
            assertEquals(2, client.errors());
        }
    }

    @Test
    void keysThatWouldBreakTheLineAreRejected() {
        try (StatsClient client = client().build()) {
            for (String key : new String[] {"a:b", "a|b", "a@b", "a#b", "a\nb", "", null}) {
                assertThrows(IllegalArgumentException.class, () -> client.increment(key), String.valueOf(key));
            }
            assertThrows(IllegalArgumentException.class, () -> client.increment("ok", 0));
            assertThrows(IllegalArgumentException.class, () -> client.increment("ok", 1.5));
        }
    }

    @Test
    void manyThreadsSendEveryLine() throws Exception {
        try (StatsClient client = client().batching(1432, Duration.ofMillis(10)).build()) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 250; i++) {
                        client.increment("mt");
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            client.flush();
            long lines = receiveAll().stream().mapToLong(d -> d.split("\n").length).sum();
            assertEquals(1000, lines);
            assertEquals(0, client.errors());
        }
    }
}
