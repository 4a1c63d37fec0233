package io.gstatsd.telemetry.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Keeps telemetry counters, which can only be incremented, in step with cumulative counts kept elsewhere (the
 * server's totals, each sink's figures): {@link #sync} adds to each counter what its source gained since the
 * last sync. A source that goes down (it never should) adds nothing until it is above its old value again, so a
 * counter never falls. The sources are read at each flush, never on the receive path.
 * <p>
 * Thread-safe: {@link #feed} and {@link #sync} are serialised.
 */
public final class CounterFeed {

    private static final class Entry {
        final LongSupplier cumulative;
        final LongConsumer counter;
        long fed;

        Entry(LongSupplier cumulative, LongConsumer counter) {
            this.cumulative = cumulative;
            this.counter = counter;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** From the next sync on, {@code counter} gets what {@code cumulative} counted since start-up (from 0). */
    public synchronized void feed(LongSupplier cumulative, LongConsumer counter) {
        entries.add(new Entry(Objects.requireNonNull(cumulative, "cumulative"), Objects.requireNonNull(counter, "counter")));
    }

    public synchronized void sync() {
        for (Entry entry : entries) {
            long now = entry.cumulative.getAsLong();
            if (now > entry.fed) {
                entry.counter.accept(now - entry.fed);
                entry.fed = now;
            }
        }
    }
}
