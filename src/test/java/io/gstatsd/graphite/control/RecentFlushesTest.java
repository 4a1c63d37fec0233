package io.gstatsd.graphite.control;

import io.gstatsd.graphite.entity.FlushText;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecentFlushesTest {

    private static FlushText bytes(int length) {
        return FlushText.of(ByteBuffer.allocate(length));
    }

    @Test
    void keepsTheLastFlushesOldestFirstAndForgetsThemWhenTaken() {
        RecentFlushes recent = new RecentFlushes(2, 1000);
        FlushText second = bytes(10);
        FlushText third = bytes(10);
        recent.remember(bytes(10));
        recent.remember(second);
        recent.remember(third);
        assertEquals(List.of(second, third), recent.takeAll());
        assertEquals(List.of(), recent.takeAll());
    }

    @Test
    void keepsNoFlushBeyondTheByteBoundNotEvenTheNewest() {
        RecentFlushes recent = new RecentFlushes(2, 100);
        FlushText small = bytes(60);
        recent.remember(bytes(60));
        recent.remember(small);
        assertEquals(List.of(small), recent.takeAll(), "120 bytes: the older goes");
        recent.remember(bytes(101));
        assertEquals(List.of(), recent.takeAll());
    }

    @Test
    void withNoRedeliveryNothingIsKept() {
        RecentFlushes recent = new RecentFlushes(0, 1000);
        recent.remember(bytes(10));
        assertEquals(List.of(), recent.takeAll());
    }

    @Test
    void boundsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new RecentFlushes(-1, 100));
        assertThrows(IllegalArgumentException.class, () -> new RecentFlushes(2, 0));
    }
}
