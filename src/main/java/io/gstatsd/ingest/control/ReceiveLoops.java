package io.gstatsd.ingest.control;

import java.io.IOException;
import java.nio.channels.Channel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * The server's UDP sockets (and TCP listening sockets) and the receive loops reading them, as the operator's
 * checks see them: whether every socket is still bound and every loop still running.
 * <p>
 * Thread-safe: the listener adds at start-up and closes at shutdown; health checks read from any thread.
 */
public final class ReceiveLoops {

    private static final Logger LOG = Logger.getLogger(ReceiveLoops.class.getName());

    private final List<Channel> channels = new CopyOnWriteArrayList<>();
    private final List<Future<?>> loops = new CopyOnWriteArrayList<>();
    private final List<String> addresses = new CopyOnWriteArrayList<>();

    /** A UDP socket, or a listening TCP socket, and the loop that reads it. */
    public void add(Channel channel, Future<?> loop) {
        channels.add(channel);
        loops.add(loop);
    }

    /** One line per bind address, as the ready line shows it: the address and the receive buffer granted. */
    public void describe(String address) {
        addresses.add(address);
    }

    public boolean bound() {
        return !channels.isEmpty() && channels.stream().allMatch(Channel::isOpen);
    }

    /** A loop ends only when its socket is closed or the container cancels it. */
    public boolean receiving() {
        return !loops.isEmpty() && loops.stream().noneMatch(Future::isDone);
    }

    public int sockets() {
        return channels.size();
    }

    public String description() {
        return String.join("; ", addresses);
    }

    public void close() {
        for (Channel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warning("closing " + channel + ": " + e);
            }
        }
    }
}
