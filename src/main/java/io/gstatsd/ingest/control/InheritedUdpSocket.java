package io.gstatsd.ingest.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The UDP socket {@code payara/gstatsd} bound before Payara Micro booted, handed to this JVM as its standard
 * input (inetd's and systemd's way, read with {@link System#inheritedChannel()}). Datagrams sent during the
 * boot wait in its kernel buffer instead of being refused, so a restart leaves the port closed for the
 * launcher's half second rather than for Payara's boot and deployment.
 */
public final class InheritedUdpSocket {

    /** Set by payara/gstatsd: the epoch milliseconds of its start and of the bind (absent without a bound socket). */
    public static final String LAUNCHED_PROPERTY = "io.gstatsd.launch.started-millis";
    public static final String BOUND_PROPERTY = "io.gstatsd.launch.udp-bound-millis";

    private static final AtomicBoolean CLAIMED = new AtomicBoolean();

    private InheritedUdpSocket() {
    }

    /**
     * The inherited socket if it is bound to {@code address}, once per JVM (several receivers on one port each
     * open their own); null when there is none, or it is bound elsewhere, and the caller binds as usual.
     */
    public static DatagramChannel claim(InetSocketAddress address) throws IOException {
        Channel inherited = System.inheritedChannel();
        if (!(inherited instanceof DatagramChannel channel) || !channel.isOpen()
                || !address.equals(channel.getLocalAddress())) {
            return null;
        }
        return CLAIMED.compareAndSet(false, true) ? channel : null;
    }

    /** Whether this is the socket payara/gstatsd handed over. */
    public static boolean isInherited(DatagramChannel channel) throws IOException {
        return channel != null && channel == System.inheritedChannel();
    }

    /** Milliseconds from payara/gstatsd's start to now, or -1 when it did not say when it started. */
    public static long millisSinceLaunch(long nowMillis) {
        Long started = Long.getLong(LAUNCHED_PROPERTY);
        return started == null ? -1 : nowMillis - started;
    }

    /** Milliseconds from payara/gstatsd's start to the bind of the socket it handed over, or -1. */
    public static long boundAfterMillis() {
        Long started = Long.getLong(LAUNCHED_PROPERTY);
        Long bound = Long.getLong(BOUND_PROPERTY);
        return started == null || bound == null ? -1 : bound - started;
    }
}
