package io.gstatsd.health.control;

import io.gstatsd.flush.control.Sink;
import io.gstatsd.ingest.control.ReceiveLoops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The answers of the health probes, worked out from the live objects each time it is asked.
 * <ul>
 * <li>live: every receive loop runs and a flush began within {@link #flushDeadlineMillis} (a restart would
 * help: a loop that ended does not come back, a flush timer that stopped does not restart itself);</li>
 * <li>ready: every UDP socket is bound and every sink keeps up (took the last flush, or its queue is below
 * its bound): traffic sent now would be delivered.</li>
 * </ul>
 * Thread-safe: it only reads thread-safe state.
 */
public final class ServerHealth {

    /** The answer of one probe, with the figures that explain it. */
    public record Verdict(boolean up, Map<String, String> data) {
        public Verdict {
            data = Map.copyOf(data);
        }
    }

    private final ReceiveLoops loops;
    private final LongSupplier nanosSinceFlush;
    private final List<Sink> sinks;
    private final long flushDeadlineMillis;

    /** @param nanosSinceFlush time since the last flush began (since start-up before the first) */
    public ServerHealth(ReceiveLoops loops, LongSupplier nanosSinceFlush, List<Sink> sinks, long flushIntervalMillis) {
        this.loops = loops;
        this.nanosSinceFlush = nanosSinceFlush;
        this.sinks = List.copyOf(sinks);
        this.flushDeadlineMillis = flushDeadlineMillis(flushIntervalMillis);
    }

    /**
     * Three intervals, at least 30 s: a flush of a million keys on a busy machine takes seconds, and the
     * timer skips a beat while one overruns; only a timer that stopped misses three.
     */
    static long flushDeadlineMillis(long flushIntervalMillis) {
        return Math.max(3 * flushIntervalMillis, 30_000);
    }

    public Verdict live() {
        long sinceFlushMillis = TimeUnit.NANOSECONDS.toMillis(nanosSinceFlush.getAsLong());
        boolean receiving = loops.receiving();
        boolean flushing = sinceFlushMillis <= flushDeadlineMillis;
        Map<String, String> data = new LinkedHashMap<>();
        data.put("receiveLoopsRunning", Boolean.toString(receiving));
        data.put("millisSinceFlush", Long.toString(sinceFlushMillis));
        data.put("flushDeadlineMillis", Long.toString(flushDeadlineMillis));
        return new Verdict(receiving && flushing, data);
    }

    public Verdict ready() {
        boolean bound = loops.bound();
        List<String> behind = sinks.stream().filter(sink -> !sink.keepingUp()).map(Object::toString).toList();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("udpBound", Boolean.toString(bound));
        data.put("sinks", Integer.toString(sinks.size()));
        data.put("sinksBehind", String.join(",", behind));
        return new Verdict(bound && behind.isEmpty(), data);
    }
}
