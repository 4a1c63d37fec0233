package io.gstatsd.ingest.control;

import io.gstatsd.aggregate.control.ShardPair;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The receive loop of one socket: blocking receive into one reused buffer, parse into this receiver's own
 * shard. Runs until the channel is closed. A failure of one datagram is logged and the loop goes on.
 * <p>
 * Thread: runs on exactly one thread, the only writer of its {@link ShardPair}.
 */
public final class DatagramReceiver implements Runnable {

    private static final Logger LOG = Logger.getLogger(DatagramReceiver.class.getName());

    private final DatagramChannel channel;
    private final ShardPair shards;
    private final LineParser parser = new LineParser();
    private final boolean dumpLines;
    private final DatagramTap tap;

    public DatagramReceiver(DatagramChannel channel, ShardPair shards, boolean dumpLines) {
        this(channel, shards, dumpLines, DatagramTap.NONE);
    }

    /** @param tap sees each datagram before it is parsed (Etsy's repeater) */
    public DatagramReceiver(DatagramChannel channel, ShardPair shards, boolean dumpLines, DatagramTap tap) {
        this.channel = channel;
        this.shards = shards;
        this.dumpLines = dumpLines;
        this.tap = tap;
    }

    @Override
    public void run() {
        // more than the largest UDP payload (65,507 bytes over IPv4), so no datagram is ever truncated
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        byte[] bytes = buffer.array();
        while (channel.isOpen()) {
            buffer.clear();
            try {
                channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "receive failed on " + channel + "; continuing", e);
                continue;
            }
            int length = buffer.position();
            if (dumpLines) {
                LOG.info("received: " + new String(bytes, 0, length, StandardCharsets.UTF_8));
            }
            try {
                tap.received(bytes, 0, length);
                shards.write(parser, bytes, 0, length);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "bug: a datagram of " + length + " bytes broke the parser; skipped it", e);
            }
        }
    }
}
