package io.gstatsd.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TCP and the repeater end to end, differentially: Etsy statsd 0.9.0 and {@code payara/gstatsd -c} on the same
 * configuration file (a UDP and a TCP server, the graphite and repeater backends) get the same lines from
 * several TCP clients at once (one line cut between two writes) and a UDP datagram; their flushes must hold
 * the same series ({@code packets_received} aside: a TCP chunk is a packet, and how the kernel cuts a stream
 * into chunks is not the test's to choose), and their repeater targets must get the same datagrams. Then a
 * client that sends 20 KB without a newline is cut off by gstatsd while another goes on.
 */
class EtsyTcpRepeaterIT {

    private static final int FLUSH_MILLIS = 2000;
    private static final Duration FLUSH_TIMEOUT = Duration.ofMillis(4 * FLUSH_MILLIS);

    /** One server under test: its ports, its Graphite listener and its repeater target. */
    private record Server(int udp, int tcp, GraphiteCapture graphite, DatagramSocket repeated) {
    }

    @Test
    void tcpLinesAndRepeatedDatagramsAreTheSameAsEtsyStatsds() throws Exception {
        try (GraphiteCapture etsyGraphite = GraphiteCapture.start(); GraphiteCapture ourGraphite = GraphiteCapture.start();
             DatagramSocket etsyRepeated = receiver(); DatagramSocket ourRepeated = receiver()) {
            Server etsySide = new Server(Ports.freeUdpPort(), Ports.freeTcpPort(), etsyGraphite, etsyRepeated);
            Server ourSide = new Server(Ports.freeUdpPort(), Ports.freeTcpPort(), ourGraphite, ourRepeated);
            try (GstatsdProcess ours = GstatsdProcess.startWith("tcp-repeater", ourSide.udp(),
                    List.of("-c", config("gstatsd", ourSide).toString()));
                 EtsyStatsd etsy = EtsyStatsd.start("tcp-repeater-etsy", config("etsy", etsySide))) {
                List<String> expectedFlush = play(etsySide);
                List<String> actualFlush = play(ourSide);
                EtsyDifferentialIT.assertSameSeries("TCP and UDP lines", withoutPackets(expectedFlush), withoutPackets(actualFlush));
                assertTrue(actualFlush.stream().anyMatch(line -> line.startsWith("stats_counts.tcp.a 7 ")), actualFlush.toString());
                List<String> expectedRepeats = repeated(etsySide.repeated());
                List<String> actualRepeats = repeated(ourSide.repeated());
                expectedRepeats.sort(null);
                actualRepeats.sort(null);
                assertEquals(expectedRepeats, actualRepeats, "the datagrams the repeater targets got");
                assertTrue(actualRepeats.contains("tcp.g:7|g\n"), actualRepeats.toString());

                try (Socket garbage = connect(ourSide.tcp()); Socket good = connect(ourSide.tcp())) {
                    byte[] junk = new byte[20_000];
                    java.util.Arrays.fill(junk, (byte) 'x');
                    try {
                        garbage.getOutputStream().write(junk);
                    } catch (IOException cutOffWhileWriting) {
                        // the server may close before the last bytes are written
                    }
                    assertEquals(-1, garbage.getInputStream().read(), "gstatsd cut the client off");
                    ourGraphite.clear();
                    ourGraphite.nextFlush(FLUSH_TIMEOUT);
                    write(good, "after.garbage:1|c\n");
                    assertTrue(ourGraphite.nextFlush(FLUSH_TIMEOUT).stream()
                            .anyMatch(line -> line.startsWith("stats_counts.after.garbage 1 ")));
                }
            }
        }
    }

    /** Right after a flush: three TCP clients and a UDP datagram; then the flush that holds them. */
    private static List<String> play(Server server) throws Exception {
        server.graphite().clear();
        server.graphite().nextFlush(FLUSH_TIMEOUT);
        try (Socket first = connect(server.tcp()); Socket second = connect(server.tcp()); Socket third = connect(server.tcp())) {
            write(first, "tcp.a:1|c\ntcp.rt:5|ms\ntcp.rt:15|ms\n");
            write(second, "tcp.a:2|c\ntcp.g:");
            write(third, "tcp.a:4|c\ntcp.s:x|s\n");
            Udp.send(server.udp(), "udp.a:1|c\nudp.a:2|c");
            Thread.sleep(200);   // the unfinished line waits in the server meanwhile
            write(second, "7|g\n");
            Thread.sleep(200);
        }
        return server.graphite().nextFlush(FLUSH_TIMEOUT);
    }

    private static List<String> withoutPackets(List<String> flush) {
        return flush.stream().filter(line -> !line.contains("packets_received")).toList();
    }

    private static DatagramSocket receiver() throws IOException {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private static List<String> repeated(DatagramSocket socket) throws IOException {
        List<String> datagrams = new ArrayList<>();
        socket.setSoTimeout(1000);
        byte[] buffer = new byte[65_536];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return datagrams;
            }
            datagrams.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Path config(String name, Server server) throws IOException {
        String text = """
                {
                  graphiteHost: '127.0.0.1',
                  graphitePort: %d,
                  flushInterval: %d,
                  mgmt_port: %d,
                  servers: [
                    { server: './servers/udp', address: '127.0.0.1', port: %d },
                    { server: './servers/tcp', address: '127.0.0.1', port: %d },
                  ],
                  backends: [ './backends/graphite', './backends/repeater' ],
                  repeater: [ { host: '127.0.0.1', port: %d } ],
                  repeaterProtocol: 'udp4',
                }
                """.formatted(server.graphite().port(), FLUSH_MILLIS, Ports.freeTcpPort(), server.udp(), server.tcp(),
                server.repeated().getLocalPort());
        Path file = GstatsdProcess.home().resolve("target/it-logs/tcp-repeater-" + name + ".js");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
