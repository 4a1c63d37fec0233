package io.gstatsd.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A client of Etsy's admin interface, as an operator's {@code nc} or a health checker talks to it. */
final class AdminClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    /**
     * Connects, retrying for up to ten seconds: Etsy statsd logs "server is up" before node has bound its
     * management port (listen() is asynchronous), so the first connection can be refused.
     */
    AdminClient(int port) throws IOException, InterruptedException {
        socket = connect(port);
        in = socket.getInputStream();
    }

    private static Socket connect(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (ConnectException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Sends one command and reads its answer: up to {@code END\n\n} when the command ends so, else until the
     * server has been quiet for half a second (Etsy's {@code config}, {@code health} and {@code help} have no
     * terminator); an answer that ends the connection ends there.
     */
    String ask(String command) throws IOException {
        socket.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout(answer.size() > 0 ? 500 : 5_000);
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                break;
            }
            if (b < 0) {
                answer.write("<closed>".getBytes(StandardCharsets.UTF_8));
                break;
            }
            answer.write(b);
            if (answer.toString(StandardCharsets.UTF_8).endsWith("END\n\n")) {
                break;
            }
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
