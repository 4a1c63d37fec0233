package io.gstatsd.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Graphite plaintext listener for container tests: each connection is one flush, kept as name → value.
 * (End-to-end tests use a real carbon-cache instead.)
 */
final class GraphiteReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final BlockingQueue<Map<String, String>> flushes = new LinkedBlockingQueue<>();
    private final BlockingQueue<List<String>> connections = new LinkedBlockingQueue<>();

    private GraphiteReceiver(ServerSocket server) {
        this.server = server;
        Thread acceptor = new Thread(this::accept, "graphite-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static GraphiteReceiver start() {
        try {
            return new GraphiteReceiver(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                Map<String, String> flush = new HashMap<>();
                List<String> lines = new ArrayList<>();
                String line;
                while ((line = in.readLine()) != null) {
                    String[] parts = line.split(" ");
                    if (parts.length == 3) {
                        flush.put(parts[0], parts[1]);
                        lines.add(line);
                    }
                }
                flushes.add(flush);
                connections.add(lines);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    /**
     * The lines of the next connection, or null when none came within the timeout. A sink that fell behind
     * sends several flushes in one connection, which a map by name would fold into one.
     */
    List<String> nextConnectionLines(Duration timeout) throws InterruptedException {
        return connections.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next flush, or null when none came within the timeout. */
    Map<String, String> nextFlush(Duration timeout) throws InterruptedException {
        return flushes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    Map<String, String> awaitFlushContaining(String name, Duration timeout) throws InterruptedException {
        return awaitFlushWhere(flush -> flush.containsKey(name), timeout);
    }

    /** Discards flushes until one matches; fails the test with what was seen if none does in time. */
    Map<String, String> awaitFlushWhere(Predicate<Map<String, String>> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> last = null;
        while (System.nanoTime() < deadline) {
            Map<String, String> flush = flushes.poll(100, TimeUnit.MILLISECONDS);
            if (flush != null) {
                last = flush;
                if (wanted.test(flush)) {
                    return flush;
                }
            }
        }
        throw new AssertionError("no matching flush within " + timeout + "; last flush: " + last);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // the test is over
        }
    }
}
