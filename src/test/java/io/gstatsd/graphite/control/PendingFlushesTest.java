package io.gstatsd.graphite.control;

import io.gstatsd.graphite.entity.FlushText;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingFlushesTest {

    private static FlushText bytes(int length) {
        return FlushText.of(ByteBuffer.allocate(length));
    }

    @Test
    void overTheFlushBoundTheOldestAreDroppedAndCounted() {
        PendingFlushes pending = new PendingFlushes(2, 1000);
        FlushText third = bytes(10);
        assertEquals(0, pending.add(bytes(10)));
        assertEquals(0, pending.add(bytes(10)));
        assertEquals(1, pending.add(third));
        assertEquals(1, pending.add(bytes(10)));
        assertEquals(2, pending.size());
        assertEquals(2, pending.dropped());
        assertSame(third, pending.oldest());
    }

    @Test
    void overTheByteBoundTheOldestAreDroppedButTheNewestIsKeptEvenAlone() {
        PendingFlushes pending = new PendingFlushes(10, 100);
        pending.add(bytes(40));
        pending.add(bytes(40));
        assertEquals(1, pending.add(bytes(40)), "120 bytes: the oldest goes");
        FlushText huge = bytes(500);
        assertEquals(2, pending.add(huge));
        assertEquals(1, pending.size());
        assertSame(huge, pending.oldest());
        assertEquals(3, pending.dropped());
    }

    @Test
    void theOldestStaysQueuedUntilRemoved() {
        PendingFlushes pending = new PendingFlushes(10, 1000);
        FlushText first = bytes(10);
        FlushText second = bytes(20);
        pending.add(first);
        pending.add(second);
        assertSame(first, pending.oldest());
        assertSame(first, pending.oldest());
        pending.removeOldest();
        assertSame(second, pending.oldest());
        pending.removeOldest();
        assertTrue(pending.isEmpty());
    }

    @Test
    void flushesPutBackGoBeforeTheQueuedOnesInTheirOrderAndCountTowardsTheBytes() {
        PendingFlushes pending = new PendingFlushes(10, 100);
        FlushText queued = bytes(40);
        FlushText older = bytes(30);
        FlushText old = bytes(30);
        pending.add(queued);
        pending.putBack(List.of(older, old));
        assertEquals(3, pending.size(), "put back even though 100 bytes are now reached");
        assertSame(older, pending.oldest());
        pending.removeOldest();
        assertSame(old, pending.oldest());
        assertEquals(1, pending.add(bytes(40)), "110 bytes: the oldest goes");
        assertSame(queued, pending.oldest());
    }

    @Test
    void boundsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new PendingFlushes(0, 100));
        assertThrows(IllegalArgumentException.class, () -> new PendingFlushes(1, 0));
    }
}
