package io.gstatsd.ingest.control;

import io.gstatsd.aggregate.control.ShardPair;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Statsd lines over TCP, as Etsy's {@code servers/tcp} reads them: newline-delimited lines on long-lived
 * connections, every complete line parsed as UDP datagrams are (a read that completes lines counts as one
 * packet, as Etsy counts each chunk), a line cut by a read kept until its newline comes. One selector thread
 * serves every connection of one listening socket and writes one shard pair.
 * <p>
 * Bounds: at most {@value #MAX_CONNECTIONS} connections (a further one is closed at once) and
 * {@value #MAX_PENDING_BYTES} bytes of unfinished line per connection (a client that sends garbage or never a
 * newline is cut off there), so clients never make the server hold more than about 16 MiB.
 * <p>
 * Thread: runs on exactly one thread until {@link #close}; the only writer of its {@link ShardPair}.
 */
public final class TcpReceiver implements Runnable, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TcpReceiver.class.getName());
    static final int MAX_CONNECTIONS = 1024;
    static final int MAX_PENDING_BYTES = 16 * 1024;

    private final ServerSocketChannel server;
    private final ShardPair shards;
    private final DatagramTap tap;
    private final boolean dumpLines;
    private final Selector selector;
    private final LineParser parser = new LineParser();
    private final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    /** Where an unfinished line and the read that finishes it are joined: one per receiver, not per connection. */
    private byte[] scratch = new byte[0];
    private int connections;
    private long cutOff;

    /** @param server bound already (a busy port is the caller's start-up error); made non-blocking here */
    public TcpReceiver(ServerSocketChannel server, ShardPair shards, DatagramTap tap, boolean dumpLines) throws IOException {
        this.server = Objects.requireNonNull(server, "server");
        this.shards = Objects.requireNonNull(shards, "shards");
        this.tap = Objects.requireNonNull(tap, "tap");
        this.dumpLines = dumpLines;
        this.selector = Selector.open();
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /** What one connection has sent beyond its last newline. */
    private static final class Pending {
        byte[] bytes = new byte[0];
        int length;
    }

    @Override
    public void run() {
        try {
            while (server.isOpen()) {
                selector.select();
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.isReadable()) {
                        read(key);
                    }
                }
            }
        } catch (ClosedSelectorException | ClosedChannelException e) {
            // closed: the server is stopping
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "TCP receive loop on " + address() + " failed; it stops", e);
        } finally {
            closeConnections();
        }
    }

    private void accept() throws IOException {
        SocketChannel client;
        while ((client = server.accept()) != null) {
            if (connections >= MAX_CONNECTIONS) {
                client.close();
                continue;
            }
            client.configureBlocking(false);
            client.register(selector, SelectionKey.OP_READ, new Pending());
            connections++;
        }
    }

    private void read(SelectionKey key) {
        SocketChannel client = (SocketChannel) key.channel();
        Pending pending = (Pending) key.attachment();
        try {
            chunk.clear();
            int read = client.read(chunk);
            if (read < 0) {
                drop(key);
                return;
            }
            if (!take(pending, chunk.array(), read)) {
                cutOff++;
                if (cutOff == 1 || Long.bitCount(cutOff) == 1) {
                    LOG.warning("gstatsd: TCP " + address() + ": cut off a client sending more than " + MAX_PENDING_BYTES
                            + " bytes without a newline (" + cutOff + " so far)");
                }
                drop(key);
            }
        } catch (IOException e) {
            drop(key);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "bug: a TCP read broke the parser; the client is dropped", e);
            drop(key);
        }
    }

    /**
     * Parses the complete lines of what was read (with the connection's unfinished line in front, joined in
     * the receiver's one scratch buffer) and keeps the rest; false when an unfinished line outgrows its bound.
     */
    private boolean take(Pending pending, byte[] bytes, int length) {
        int last = length - 1;
        while (last >= 0 && bytes[last] != '\n') {
            last--;
        }
        if (last < 0) {
            return append(pending, bytes, 0, length);
        }
        if (pending.length == 0) {
            parse(bytes, last + 1);
        } else {
            int first = 0;
            while (bytes[first] != '\n') {
                first++;
            }
            if (pending.length + first > MAX_PENDING_BYTES) {
                return false;
            }
            int joined = pending.length + last + 1;
            if (scratch.length < joined) {
                scratch = new byte[joined];
            }
            System.arraycopy(pending.bytes, 0, scratch, 0, pending.length);
            System.arraycopy(bytes, 0, scratch, pending.length, last + 1);
            pending.length = 0;
            parse(scratch, joined);
        }
        return append(pending, bytes, last + 1, length - last - 1);
    }

    /** Keeps the start of an unfinished line; false when it would outgrow {@link #MAX_PENDING_BYTES}. */
    private static boolean append(Pending pending, byte[] bytes, int offset, int length) {
        int needed = pending.length + length;
        if (needed > MAX_PENDING_BYTES) {
            return false;
        }
        if (needed > pending.bytes.length) {
            pending.bytes = Arrays.copyOf(pending.bytes, Math.min(MAX_PENDING_BYTES, Math.max(needed, pending.bytes.length * 2)));
        }
        System.arraycopy(bytes, offset, pending.bytes, pending.length, length);
        pending.length = needed;
        return true;
    }

    private void parse(byte[] bytes, int length) {
        if (dumpLines) {
            LOG.info("received over TCP: " + new String(bytes, 0, length, StandardCharsets.UTF_8));
        }
        tap.received(bytes, 0, length);
        shards.write(parser, bytes, 0, length);
    }

    private void drop(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            // closing anyway
        }
        connections--;
    }

    private void closeConnections() {
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException | ClosedSelectorException e) {
            // closing anyway
        }
    }

    private String address() {
        try {
            return String.valueOf((InetSocketAddress) server.getLocalAddress());
        } catch (IOException e) {
            return "?";
        }
    }

    /** Stops the loop: it closes every connection on its way out. */
    @Override
    public void close() throws IOException {
        server.close();
        selector.wakeup();
    }
}
