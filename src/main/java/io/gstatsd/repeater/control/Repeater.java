package io.gstatsd.repeater.control;

import io.gstatsd.configuration.entity.HostPort;
import io.gstatsd.ingest.control.DatagramTap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Etsy's repeater backend: every datagram received (and every TCP chunk of lines) is sent as it came to
 * each target statsd over UDP, from a thread of its own. The receive loops only copy the datagram into a
 * bounded queue ({@value #QUEUE_DATAGRAMS} datagrams): when the targets' side falls behind, further datagrams
 * are dropped and counted ({@link #dropped}), never waited for. A target's host is resolved when the
 * repeater starts and again every {@value #RESOLVE_AGAIN_SECONDS} s while it does not resolve; a send that
 * fails is logged once per episode.
 * <p>
 * Threads: {@link #received} from any receive loop (it never blocks); one sender thread; {@link #close} once.
 */
public final class Repeater implements DatagramTap, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Repeater.class.getName());
    static final int QUEUE_DATAGRAMS = 16_384;
    static final int RESOLVE_AGAIN_SECONDS = 30;
    private static final byte[] STOP = new byte[0];

    private final List<Target> targets;
    private final DatagramChannel channel;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_DATAGRAMS);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread sender;

    /** A target as configured, and its address once it resolves. */
    private static final class Target {
        final String host;
        final int port;
        InetSocketAddress address;
        long resolvedAtNanos;
        boolean failing;

        Target(String host, int port) {
            this.host = host;
            this.port = port;
        }
    }

    /**
     * @param targets the statsd servers to repeat to (an empty host is localhost)
     * @param ipv6    Etsy's {@code repeaterProtocol: 'udp6'}: send from an IPv6 socket
     */
    public Repeater(List<HostPort> targets, boolean ipv6, ThreadFactory threads) throws IOException {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a repeater needs at least one target");
        }
        List<Target> list = new ArrayList<>();
        for (HostPort target : targets) {
            list.add(new Target(target.hasHost() ? target.host() : "localhost", target.port()));
        }
        this.targets = List.copyOf(list);
        ProtocolFamily family = ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        this.channel = DatagramChannel.open(family);
        this.sender = Objects.requireNonNull(threads.newThread(this::send), "the thread factory gave no thread");
        sender.setName("gstatsd-repeater");
        sender.start();
    }

    @Override
    public void received(byte[] buf, int offset, int length) {
        // the copy is the price of not holding the receive buffer; only paid with a repeater configured
        if (!queue.offer(Arrays.copyOfRange(buf, offset, offset + length))) {
            dropped.incrementAndGet();
        }
    }

    /** Datagrams not repeated because the queue was full, since start-up. */
    public long dropped() {
        return dropped.get();
    }

    private void send() {
        while (true) {
            byte[] datagram;
            try {
                datagram = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (datagram == STOP) {
                return;
            }
            for (Target target : targets) {
                sendTo(target, datagram);
            }
        }
    }

    private void sendTo(Target target, byte[] datagram) {
        InetSocketAddress address = resolved(target);
        if (address == null) {
            return;
        }
        try {
            channel.send(ByteBuffer.wrap(datagram), address);
            if (target.failing) {
                target.failing = false;
                LOG.info("gstatsd: repeating to " + target.host + ":" + target.port + " again");
            }
        } catch (ClosedChannelException e) {
            // closing
        } catch (IOException e) {
            if (!target.failing) {
                target.failing = true;
                LOG.log(Level.WARNING, "gstatsd: cannot repeat to " + target.host + ":" + target.port + "; will retry", e);
            }
        }
    }

    private static InetSocketAddress resolved(Target target) {
        long now = System.nanoTime();
        if (target.address == null || target.address.isUnresolved()
                && now - target.resolvedAtNanos > TimeUnit.SECONDS.toNanos(RESOLVE_AGAIN_SECONDS)) {
            target.address = new InetSocketAddress(target.host, target.port);
            target.resolvedAtNanos = now;
            if (target.address.isUnresolved() && !target.failing) {
                target.failing = true;
                LOG.warning("gstatsd: repeater target " + target.host + " does not resolve; retrying every "
                        + RESOLVE_AGAIN_SECONDS + " s");
            }
        }
        return target.address.isUnresolved() ? null : target.address;
    }

    /** Stops: what is still queued is not repeated (repeating is best effort, as in Etsy). */
    @Override
    public void close() {
        queue.clear();
        queue.offer(STOP);
        try {
            sender.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
