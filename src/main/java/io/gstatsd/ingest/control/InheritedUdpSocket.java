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
}
