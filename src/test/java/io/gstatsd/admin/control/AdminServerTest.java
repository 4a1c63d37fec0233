package io.gstatsd.admin.control;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.control.KeyRegistries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The admin interface over a real socket: lines, packets without a newline, quit, and the bounds on clients. */
class AdminServerTest {

    private AdminServer server;

    @BeforeEach
    void start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(10), "", false, 10_000, System::nanoTime);
        server = new AdminServer(socket, new AdminCommands(aggregation, List::of, new HealthStatus(true), () -> "\n",
                Clock.systemUTC()), runnable -> {
                    Thread thread = new Thread(runnable);
                    thread.setDaemon(true);
                    return thread;
                });
        Thread acceptor = new Thread(server, "admin-test");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static String read(InputStream in, int bytes) throws IOException {
        return new String(in.readNBytes(bytes), StandardCharsets.UTF_8);
    }

    @Test
    void eachLineIsAnsweredAndQuitClosesTheConnection() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("health\r\nhealth down\nquit\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            assertEquals("health: up\nhealth: down\n", read(in, 25));
            assertEquals(-1, in.read(), "closed after quit");
        }
    }

    @Test
    void aPacketWithoutANewlineIsACommandAsEtsyReadsIt() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("health".getBytes(StandardCharsets.UTF_8));
            assertEquals("health: up\n", read(socket.getInputStream(), 11));
        }
    }

    @Test
    void aLineLongerThanTheBoundCutsTheClientOff() throws IOException {
        try (Socket socket = connect()) {
            byte[] junk = new byte[AdminServer.MAX_LINE_BYTES + 100];
            java.util.Arrays.fill(junk, (byte) 'x');
            socket.getOutputStream().write(junk);
            assertEquals(-1, socket.getInputStream().read());
        }
    }

    @Test
    void clientsBeyondTheBoundAreClosedAtOnceAndTheOthersStillServed() throws IOException {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < AdminServer.MAX_CONNECTIONS; i++) {
                Socket socket = connect();
                held.add(socket);
                socket.getOutputStream().write("health\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("health: up\n", read(socket.getInputStream(), 11));
            }
            try (Socket extra = connect()) {
                assertEquals(-1, extra.getInputStream().read());
            }
            held.get(0).getOutputStream().write("health\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("health: up\n", read(held.get(0).getInputStream(), 11));
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
