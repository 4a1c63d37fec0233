package io.gstatsd.health.control;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.ingest.control.ReceiveLoops;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerHealthTest {

    private final ReceiveLoops loops = new ReceiveLoops();
    private final CompletableFuture<Void> loop = new CompletableFuture<>();
    private final AtomicLong nanosSinceFlush = new AtomicLong();
    private final AtomicBoolean sinkKeepsUp = new AtomicBoolean(true);
    private final Sink sink = new Sink() {
        @Override
        public void publish(Snapshot snapshot) {
        }

        @Override
        public boolean keepingUp() {
            return sinkKeepsUp.get();
        }

        @Override
        public String toString() {
            return "graphite carbon:2003";
        }
    };
    private DatagramChannel channel;
    private ServerHealth health;

    @BeforeEach
    void bindASocket() throws IOException {
        channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        loops.add(channel, loop);
        health = new ServerHealth(loops, nanosSinceFlush::get, List.of(sink), 10_000);
    }

    @AfterEach
    void close() throws IOException {
        channel.close();
    }

    @Test
    void aBoundSocketARunningLoopAndARecentFlushAreLiveAndReady() {
        nanosSinceFlush.set(TimeUnit.SECONDS.toNanos(9));
        assertTrue(health.live().up());
        assertTrue(health.ready().up());
        assertEquals("9000", health.live().data().get("millisSinceFlush"));
    }

    @Test
    void aClosedSocketIsNotReadyAndItsEndedLoopNotLive() throws IOException {
        channel.close();
        loop.complete(null);
        assertFalse(health.ready().up());
        assertEquals("false", health.ready().data().get("udpBound"));
        assertFalse(health.live().up());
    }

    @Test
    void noFlushForThreeIntervalsIsNotLive() {
        nanosSinceFlush.set(TimeUnit.SECONDS.toNanos(31));
        assertFalse(health.live().up());
        nanosSinceFlush.set(TimeUnit.SECONDS.toNanos(30));
        assertTrue(health.live().up());
    }

    @Test
    void theFlushDeadlineIsThreeIntervalsAndAtLeastThirtySeconds() {
        assertEquals(30_000, ServerHealth.flushDeadlineMillis(1_000));
        assertEquals(180_000, ServerHealth.flushDeadlineMillis(60_000));
    }

    @Test
    void aSinkThatFellBehindIsNotReadyAndIsNamed() {
        sinkKeepsUp.set(false);
        assertFalse(health.ready().up());
        assertEquals("graphite carbon:2003", health.ready().data().get("sinksBehind"));
        assertTrue(health.live().up(), "a sink behind is no reason to restart the server");
    }

    @Test
    void noSocketAtAllIsNeitherReadyNorLive() {
        ServerHealth none = new ServerHealth(new ReceiveLoops(), nanosSinceFlush::get, List.of(), 10_000);
        assertFalse(none.ready().up());
        assertFalse(none.live().up());
    }
}
