package io.gstatsd.graphite.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A TCP connection whose connect and every write give up after a timeout without progress, which plain
 * blocking sockets cannot do for writes: a carbon that accepts but never reads must not hold a sink forever.
 * Single-threaded.
 */
final class TimedConnection implements AutoCloseable {

    /**
     * The most handed to one write. The JDK copies a heap buffer's whole remainder into a temporary direct
     * buffer on every write, however little the socket then takes: a flush of 156 MB to a carbon that reads
     * slower than we write was copied again at each of hundreds of writes, and each copy, one uninterruptible
     * call, kept the JVM from a safepoint for up to a second while the other threads, the UDP receivers
     * among them, had already stopped for it, and the kernel dropped datagrams.
     */
    static final int WRITE_CHUNK_BYTES = 1 << 20;

    private final SocketChannel channel;
    private final Selector selector;
    private final long timeoutMillis;

    private TimedConnection(SocketChannel channel, Selector selector, long timeoutMillis) {
        this.channel = channel;
        this.selector = selector;
        this.timeoutMillis = timeoutMillis;
    }

    /** Resolves the host now, so a carbon that moved is followed. */
    static TimedConnection open(String host, int port, long timeoutMillis) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve " + host);
        }
        SocketChannel channel = SocketChannel.open();
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            TimedConnection connection = new TimedConnection(channel, selector, timeoutMillis);
            if (!channel.connect(address)) {
                connection.await(SelectionKey.OP_CONNECT, "connect");
                channel.finishConnect();
            }
            if (channel.getLocalAddress().equals(channel.getRemoteAddress())) {
                // TCP simultaneous open: with nothing listening on a local port in the ephemeral range, the
                // kernel may pick that very port as our source and connect the socket to itself (seen in
                // GraphiteSinkTest); every write would then "succeed" into the void.
                throw new IOException("nothing listens on " + host + ":" + port + " (the connection reached itself)");
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    void write(ByteBuffer buffer) throws IOException {
        int end = buffer.limit();
        try {
            while (buffer.position() < end) {
                buffer.limit(Math.min(end, buffer.position() + WRITE_CHUNK_BYTES));
                if (channel.write(buffer) == 0) {
                    await(SelectionKey.OP_WRITE, "write");
                }
            }
        } finally {
            buffer.limit(end);
        }
    }

    private void await(int operation, String what) throws IOException {
        SelectionKey key = channel.register(selector, operation);
        try {
            if (selector.select(timeoutMillis) == 0) {
                throw new SocketTimeoutException(what + " timed out after " + timeoutMillis + " ms");
            }
            selector.selectedKeys().clear();
            if (operation == SelectionKey.OP_CONNECT && !channel.finishConnect()) {
                throw new SocketTimeoutException("connect did not complete");
            }
        } finally {
            if (key.isValid()) {
                key.interestOps(0);
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do with a connection that failed to close
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // as above
        }
    }
}
