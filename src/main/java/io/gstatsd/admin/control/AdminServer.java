package io.gstatsd.admin.control;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Etsy's admin interface over TCP: one command a line (or, as Etsy reads them, whatever one packet holds
 * without a newline), each answered at once, until the client leaves or sends {@code quit}. Each connection has its own thread; at most {@value #MAX_CONNECTIONS} at once (a
 * further one is closed at once), and a line longer than {@value #MAX_LINE_BYTES} bytes closes its
 * connection, so no client can make the server hold much memory.
 * <p>
 * Threads: {@link #run} accepts until {@link #close}; the sessions share only the {@link AdminCommands}.
 */
public final class AdminServer implements Runnable, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AdminServer.class.getName());
    static final int MAX_CONNECTIONS = 32;
    static final int MAX_LINE_BYTES = 8192;

    private final ServerSocket socket;
    private final AdminCommands commands;
    private final ThreadFactory threads;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    /** @param socket bound already, so that a busy port is the caller's start-up error */
    public AdminServer(ServerSocket socket, AdminCommands commands, ThreadFactory threads) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    @Override
    public void run() {
        while (!socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(Level.WARNING, "admin interface: accept failed; continuing", e);
                }
                continue;
            }
            if (connections.size() >= MAX_CONNECTIONS) {
                closeQuietly(connection);
                continue;
            }
            connections.add(connection);
            Thread session = threads.newThread(() -> serve(connection));
            if (session == null) {
                connections.remove(connection);
                closeQuietly(connection);
                continue;
            }
            session.setName("gstatsd-admin-" + connection.getPort());
            session.start();
        }
    }

    private void serve(Socket connection) {
        try (connection; InputStream in = new BufferedInputStream(connection.getInputStream());
             OutputStream out = connection.getOutputStream()) {
            byte[] line = new byte[MAX_LINE_BYTES];
            int length = 0;
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    if (length == line.length) {
                        return;   // not a command: the client is cut off
                    }
                    line[length++] = (byte) b;
                    // Etsy answers each packet it reads, newline or not (echo -n health | nc ...)
                    if (in.available() > 0) {
                        continue;
                    }
                }
                if (answer(new String(line, 0, length, StandardCharsets.UTF_8), out)) {
                    return;
                }
                length = 0;
            }
        } catch (SocketException e) {
            // the client went away, or the server is closing
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "admin interface: a connection failed", e);
        } finally {
            connections.remove(connection);
        }
    }

    /** @return whether the connection is to be closed */
    private boolean answer(String command, OutputStream out) throws IOException {
        AdminCommands.Answer answer = commands.execute(command);
        out.write(answer.text().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return answer.close();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Stops accepting and ends every session. */
    @Override
    public void close() {
        closeQuietly(socket);
        for (Socket connection : connections) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
