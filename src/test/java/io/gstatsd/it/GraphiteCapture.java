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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Graphite plaintext listener that keeps each connection's lines as they came, duplicates included (Etsy
 * statsd and gstatsd open one connection per flush). For differential tests, where two lines may share a name.
 */
final class GraphiteCapture implements AutoCloseable {

    private final ServerSocket server;
    private final BlockingQueue<List<String>> flushes = new LinkedBlockingQueue<>();

    private GraphiteCapture(ServerSocket server) {
        this.server = server;
        Thread acceptor = new Thread(this::accept, "graphite-capture-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static GraphiteCapture start() throws IOException {
        return new GraphiteCapture(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                List<String> lines = new ArrayList<>();
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isEmpty()) {
                        lines.add(line);
                    }
                }
                flushes.add(lines);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    /** Forgets the flushes received so far. */
    void clear() {
        flushes.clear();
    }

    /** The next flush's lines; fails the test when none comes in time. */
    List<String> nextFlush(Duration timeout) throws InterruptedException {
        List<String> flush = flushes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (flush == null) {
            throw new AssertionError("no flush within " + timeout + " on port " + port());
        }
        return flush;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
