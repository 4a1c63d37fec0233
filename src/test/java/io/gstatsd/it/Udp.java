package io.gstatsd.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** Sends one statsd datagram to a loopback port, as an application would. */
final class Udp {

    private Udp() {
    }

    static void send(int port, String datagram) throws IOException {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        }
    }
}
