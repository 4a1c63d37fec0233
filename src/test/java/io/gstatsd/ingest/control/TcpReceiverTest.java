package io.gstatsd.ingest.control;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.control.KeyRegistries;
import io.gstatsd.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statsd lines over TCP, as Etsy's servers/tcp reads them, on a real loopback socket. */
class TcpReceiverTest {

    private final Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(1000), "", false, 10_000, System::nanoTime);
    private final List<String> tapped = new CopyOnWriteArrayList<>();
    private TcpReceiver receiver;
    private int port;

    @BeforeEach
    void start() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        receiver = new TcpReceiver(server, aggregation.newShardPair(),
                (buf, offset, length) -> tapped.add(new String(buf, offset, length, StandardCharsets.UTF_8)), false);
        Thread thread = new Thread(receiver, "tcp-receiver-test");
        thread.setDaemon(true);
        thread.start();
    }

    @AfterEach
    void stop() throws IOException {
        receiver.close();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private double counter(String name) {
        Double value = aggregation.peek().counters().get(name);
        return value == null ? 0 : value;
    }

    @Test
    void aLineCutByTheConnectionIsCountedOnceItsNewlineArrives() throws Exception {
        try (Socket client = connect()) {
            write(client, "api.hits:1|c\napi.h");
            Await.until(() -> counter("api.hits") == 1, Duration.ofSeconds(5), "the first line");
            Thread.sleep(50);
            write(client, "its:2|c\ngauge:5|g\n");
            Await.until(() -> counter("api.hits") == 3, Duration.ofSeconds(5), "the line completed by the second write");
            assertEquals(5.0, aggregation.peek().gauges().get("gauge"));
        }
    }

    @Test
    void manyClientsAtOnceAreAllCountedExactly() throws Exception {
        List<Socket> clients = new ArrayList<>();
        try {
            for (int c = 0; c < 50; c++) {
                clients.add(connect());
            }
            for (int line = 0; line < 100; line++) {
                for (Socket client : clients) {
                    write(client, "many:1|c\n");
                }
            }
            Await.until(() -> counter("many") == 5000, Duration.ofSeconds(10), "5000 lines from 50 clients");
            assertEquals(5000, counter("statsd.metrics_received"));
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
    }

    @Test
    void aClientThatNeverSendsANewlineIsCutOffAtTheBoundAndOthersGoOn() throws Exception {
        try (Socket garbage = connect(); Socket good = connect()) {
            byte[] junk = new byte[TcpReceiver.MAX_PENDING_BYTES + 1];
            java.util.Arrays.fill(junk, (byte) 'x');
            try {
                garbage.getOutputStream().write(junk);
                garbage.getOutputStream().flush();
            } catch (IOException cutOffWhileWriting) {
                // the server may close before the last bytes are written
            }
            assertEquals(-1, garbage.getInputStream().read(), "the server closed the connection");
            write(good, "still:1|c\n");
            Await.until(() -> counter("still") == 1, Duration.ofSeconds(5), "the other client's line");
        }
    }

    @Test
    void anUnfinishedLineIsDroppedWhenItsClientLeavesAsEtsyDropsIt() throws Exception {
        try (Socket client = connect()) {
            write(client, "done:1|c\nnever:1|c");
        }
        try (Socket next = connect()) {
            write(next, "after:1|c\n");
            Await.until(() -> counter("after") == 1, Duration.ofSeconds(5), "the next client's line");
        }
        assertEquals(1, counter("done"));
        assertTrue(!aggregation.peek().counters().containsKey("never"));
    }

    @Test
    void eachChunkOfCompleteLinesIsTappedAsItCame() throws Exception {
        try (Socket client = connect()) {
            write(client, "a:1|c\nb:2|c\n");
            Await.until(() -> counter("b") == 2, Duration.ofSeconds(5), "the lines");
        }
        assertEquals("a:1|c\nb:2|c\n", String.join("", tapped));
    }
}
