package io.gstatsd.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Free loopback ports for tests (free when asked; a test binds them soon after). */
public final class Ports {

    private Ports() {
    }

    public static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until a socket is bound to the UDP port and stays bound: payara/gstatsd's launcher binds and closes
     * one to check the address first, and a datagram sent to that one is lost.
     */
    public static void awaitUdpBound(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen = null;
        long since = 0;
        while (System.nanoTime() < deadline) {
            String inode = udpSocketInode(port);
            if (inode == null || !inode.equals(seen)) {
                seen = inode;
                since = System.nanoTime();
            } else if (System.nanoTime() - since >= 100_000_000L) {
                return;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("UDP port " + port + " not bound within " + timeout);
    }

    /** The inode of the socket bound to the UDP port (Linux: the kernel's socket tables), or null. */
    private static String udpSocketInode(int port) {
        String suffix = String.format(":%04X", port);
        for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && fields[1].endsWith(suffix)) {
                        return fields[9];
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }
}
