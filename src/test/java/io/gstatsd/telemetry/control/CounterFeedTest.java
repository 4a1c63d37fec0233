package io.gstatsd.telemetry.control;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CounterFeedTest {

    @Test
    void aCounterGetsWhatItsSourceGainedSinceStartUpAndNeverFalls() {
        AtomicLong source = new AtomicLong(5);
        AtomicLong counter = new AtomicLong();
        CounterFeed feed = new CounterFeed();
        feed.feed(source::get, counter::addAndGet);
        assertEquals(0, counter.get(), "nothing before the first sync");
        feed.sync();
        assertEquals(5, counter.get());
        source.set(12);
        feed.sync();
        feed.sync();
        assertEquals(12, counter.get());
        source.set(3);
        feed.sync();
        assertEquals(12, counter.get(), "a source that goes down takes nothing back");
        source.set(14);
        feed.sync();
        assertEquals(14, counter.get(), "it counts again once above what was fed");
    }
}
