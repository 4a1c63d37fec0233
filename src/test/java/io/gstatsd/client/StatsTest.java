package io.gstatsd.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsTest {

    private DatagramSocket server;
    private StatsClient client;
    private long nanos;
    private Stats stats;

    @BeforeEach
    void listen() throws IOException {
        server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.setSoTimeout(2000);
        client = StatsClient.create("127.0.0.1", server.getLocalPort());
        stats = new Stats(client, () -> nanos);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private String receive() throws IOException {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        server.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void timerSendsTheElapsedMillisecondsWhenStopped() throws IOException {
        Stats.Timer timer = stats.timer("db.query");
        nanos = 1_000_000_000L;
        timer.start();
        nanos += 12_345_678L;
        assertEquals(12.346, timer.stop());
        assertEquals("db.query:12.346|ms", receive());
    }

    @Test
    void timerStopsItselfAtTheEndOfATryWithResources() throws IOException {
        try (Stats.Timer timer = stats.timer("block").start()) {
            nanos += 3_000_000L;
            assertTrue(timer.running());
        }
        assertEquals("block:3|ms", receive());
    }

    @Test
    void stoppingATimerThatWasNotStartedIsAnError() {
        Stats.Timer timer = stats.timer("never");
        IllegalStateException e = assertThrows(IllegalStateException.class, timer::stop);
        assertTrue(e.getMessage().contains("\"never\""), e.getMessage());
        assertTrue(e.getMessage().contains("start()"), e.getMessage());
    }

    @Test
    void counterIncrementsDecrementsAndAdds() throws IOException {
        Stats.Counter counter = stats.counter("jobs");
        counter.increment();
        assertEquals("jobs:1|c", receive());
        counter.decrement();
        assertEquals("jobs:-1|c", receive());
        counter.add(40);
        assertEquals("jobs:40|c", receive());
    }

    @Test
    void gaugeSetsAndChangesItsValue() throws IOException {
        Stats.Gauge gauge = stats.gauge("queue.depth");
        gauge.set(42);
        assertEquals("queue.depth:42|g", receive());
        gauge.add(-2);
        assertEquals("queue.depth:-2|g", receive());
    }
}
