package io.gstatsd.ingest.control;

import io.gstatsd.configuration.entity.HostPort;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * Opens the blocking UDP sockets the receivers read. An empty host binds every interface, IPv4 and IPv6
 * alike (one dual-stack socket); a host binds only that address. Several sockets on one port share it
 * with SO_REUSEPORT, and the kernel spreads senders over them.
 */
public final class UdpSocketOpener {

    private UdpSocketOpener() {
    }

    /** @throws IOException with a message naming the address, for the operator */
    public static DatagramChannel open(HostPort bind, int receiveBufferBytes, boolean reusePort) throws IOException {
        InetSocketAddress address = resolve(bind);
        DatagramChannel inherited = InheritedUdpSocket.claim(address);
        if (inherited != null) {
            // bound already, with these options: asked again, as the configuration may differ from the launcher's
            inherited.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            inherited.configureBlocking(true);
            return inherited;
        }
        DatagramChannel channel = address.getAddress() instanceof Inet4Address
                ? DatagramChannel.open(StandardProtocolFamily.INET)
                : DatagramChannel.open(StandardProtocolFamily.INET6);
        try {
            if (reusePort) {
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            channel.bind(address);
            channel.configureBlocking(true);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot bind UDP " + bind + ": " + e.getMessage(), e);
        }
    }

    /** The address a bind names: an empty host is "::", every interface of both families. */
    public static InetSocketAddress resolve(HostPort bind) throws IOException {
        if (!bind.hasHost()) {
            // "::" on an IPv6 socket takes IPv4 too (IPV6_V6ONLY is off by default on Linux)
            return new InetSocketAddress(InetAddress.getByName("::"), bind.port());
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(bind.host()), bind.port());
        } catch (IOException e) {
            throw new IOException("cannot bind UDP " + bind + ": unknown host " + bind.host(), e);
        }
    }
}
