package io.gstatsd.repeater.control;

import io.gstatsd.configuration.entity.HostPort;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Etsy's repeater: every datagram, as it came, to every target, never waiting on the receive path. */
class RepeaterTest {

    private static DatagramChannel target() throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return channel;
    }

    private static HostPort address(DatagramChannel channel) throws IOException {
        return new HostPort("127.0.0.1", ((InetSocketAddress) channel.getLocalAddress()).getPort());
    }

    private static String receive(DatagramChannel channel) throws IOException {
        channel.socket().setSoTimeout(5_000);
        byte[] bytes = new byte[65_536];
        java.net.DatagramPacket packet = new java.net.DatagramPacket(bytes, bytes.length);
        channel.socket().receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private static final ThreadFactory DAEMONS = runnable -> {
        Thread thread = new Thread(runnable);
        thread.setDaemon(true);
        return thread;
    };

    @Test
    void everyDatagramGoesAsItCameToEveryTarget() throws Exception {
        try (DatagramChannel first = target(); DatagramChannel second = target();
             Repeater repeater = new Repeater(List.of(address(first), address(second)), false, DAEMONS)) {
            byte[] receiveBuffer = "xxa.b:1|c\na.c:2|ms|@0.5\nyy".getBytes(StandardCharsets.UTF_8);
            repeater.received(receiveBuffer, 2, receiveBuffer.length - 4);
            receiveBuffer[2] = 'Z';   // the receive loop reuses its buffer at once
            assertEquals("a.b:1|c\na.c:2|ms|@0.5\n", receive(first));
            assertEquals("a.b:1|c\na.c:2|ms|@0.5\n", receive(second));
            assertEquals(0, repeater.dropped());
        }
    }

    @Test
    void whenTheSenderFallsBehindFurtherDatagramsAreDroppedAndCountedNotWaitedFor() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ThreadFactory stalled = runnable -> {
            Thread thread = new Thread(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    return;
                }
                runnable.run();
            });
            thread.setDaemon(true);
            return thread;
        };
        try (DatagramChannel target = target();
             Repeater repeater = new Repeater(List.of(address(target)), false, stalled)) {
            byte[] datagram = "k:1|c".getBytes(StandardCharsets.UTF_8);
            long started = System.nanoTime();
            for (int i = 0; i < Repeater.QUEUE_DATAGRAMS + 100; i++) {
                repeater.received(datagram, 0, datagram.length);
            }
            assertEquals(true, System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "never blocked");
            assertEquals(100, repeater.dropped());
            release.countDown();
            assertEquals("k:1|c", receive(target));
        }
    }

    @Test
    void aTargetThatDoesNotResolveCostsNothingButALogLine() throws Exception {
        try (DatagramChannel good = target();
             Repeater repeater = new Repeater(List.of(new HostPort("no-such-host.invalid", 8125), address(good)), false,
                     DAEMONS)) {
            byte[] datagram = "k:1|c".getBytes(StandardCharsets.UTF_8);
            repeater.received(datagram, 0, datagram.length);
            assertEquals("k:1|c", receive(good));
        }
    }
}
