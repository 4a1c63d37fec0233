package io.gstatsd.flush.control;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.control.KeyRegistries;
import io.gstatsd.aggregate.control.ShardPair;
import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.StampedMetrics;
import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.ingest.control.LineParser;
import io.gstatsd.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlushTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path stateDir;

    private final ManualClock clock = new ManualClock(T0 + 3_000);

    /** One server process: its aggregation, one receiver, a sink that records, and the flush. */
    private final class Server {
        final Aggregation aggregation;
        final ShardPair receiver;
        final RecordingSink sink = new RecordingSink();
        final Flush flush;

        Server(boolean aligned, PartialIntervalStore store, String prefix) {
            aggregation = new Aggregation(KeyRegistries.withMaxKeys(100), prefix, false, 10_000, () -> 0L);
            receiver = aggregation.newShardPair();
            flush = new Flush(aggregation, List.of(sink), new FlushSchedule(10_000, aligned, clock.millis()), clock, store);
            flush.start();
        }

        void send(String datagram) {
            byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
            receiver.write(new LineParser(), bytes, 0, bytes.length);
        }

        /** The timer fires at {@code millis}. */
        void timerAt(long millis) {
            clock.set(millis);
            flush.run();
        }

        /** SIGTERM at {@code millis}. */
        void stopAt(long millis) {
            clock.set(millis);
            flush.finish(Duration.ofSeconds(1));
        }
    }

    private Server server(boolean aligned) {
        return new Server(aligned, null, "");
    }

    private Server serverWithState() {
        return new Server(true, new PartialIntervalStore(stateDir, DAY), "");
    }

    @Test
    void aTimerFiringLateStampsTheFlushWithTheBoundaryItFiredFor() {
        Server server = server(true);
        server.send("hits:4|c");
        server.timerAt(T0 + 10_000 + 870);
        assertEquals(T0 + 10_000, server.sink.only().epochMillis());
        assertEquals(4, counter(server.sink.only(), "hits"));
    }

    @Test
    void aRepeatedFiringForTheSameBoundaryPublishesNothingAndTheCountsWait() {
        Server server = server(true);
        server.timerAt(T0 + 10_001);
        server.send("hits:4|c");
        server.timerAt(T0 + 10_030);
        server.timerAt(T0 + 20_002);
        assertEquals(List.of(T0 + 10_000, T0 + 20_000), server.sink.stamps());
        assertEquals(4, counter(server.sink.published.get(1), "hits"));
    }

    @Test
    void withoutAStateDirectoryTheShutdownSendsThePartialIntervalStampedWithItsEnd() {
        Server server = server(true);
        server.timerAt(T0 + 10_002);
        server.send("hits:2|c");
        server.stopAt(T0 + 13_000);
        assertEquals(List.of(T0 + 10_000, T0 + 20_000), server.sink.stamps());
        assertEquals(2, counter(server.sink.published.get(1), "hits"));
        assertEquals(1, server.sink.closes.size());
    }

    @Test
    void noFlushFollowsTheLastOne() {
        Server server = server(true);
        server.stopAt(T0 + 4_000);
        server.flush.finish(Duration.ofSeconds(1));
        server.timerAt(T0 + 10_002);
        assertEquals(1, server.sink.published.size());
        assertEquals(1, server.sink.closes.size());
    }

    @Test
    void notAlignedAFlushIsStampedWhenItRuns() {
        Server server = server(false);
        server.timerAt(T0 + 13_015);
        assertEquals(T0 + 13_015, server.sink.only().epochMillis());
    }

    @Test
    void aShutdownSavesThePartialIntervalInsteadOfSendingIt() {
        Server server = serverWithState();
        server.send("hits:2|c");
        server.stopAt(T0 + 4_000);
        assertEquals(List.of(), server.sink.published);
        assertTrue(Files.exists(stateDir.resolve(PartialIntervalStore.FILE_NAME)));
        assertEquals(1, server.sink.closes.size());
    }

    @Test
    void aRestartWithinTheIntervalMergesThePartialIntoTheFirstFlush() {
        Server first = serverWithState();
        first.timerAt(T0 + 10_001);
        first.send("hits:3|c\nrt:10|ms|@0.5\nusers:ann|s\nlevel:7|g");
        first.stopAt(T0 + 11_000);
        clock.set(T0 + 11_800);
        Server second = serverWithState();
        assertEquals(List.of(), second.sink.published, "nothing is sent at start");
        assertFalse(Files.exists(stateDir.resolve(PartialIntervalStore.FILE_NAME)), "taken over");
        second.send("hits:4|c\nrt:30|ms\nusers:bob|s\nusers:ann|s\nlevel:+1|g");
        second.timerAt(T0 + 20_003);
        Snapshot merged = second.sink.only();
        assertEquals(T0 + 20_000, merged.epochMillis());
        assertEquals(7, counter(merged, "hits"));
        assertEquals(3, timer(merged, "rt").weightedCount());
        assertArrayEquals(new double[]{10, 30}, timer(merged, "rt").sortedValues());
        assertEquals(2, set(merged, "users").count());
        assertEquals(8, gauge(merged, "level"));
    }

    @Test
    void aRestartAfterThePartialsIntervalEndedFlushesItAloneWithItsOwnTimestamp() {
        Server first = serverWithState();
        first.timerAt(T0 + 10_001);
        first.send("hits:3|c\nlevel:7|g");
        first.stopAt(T0 + 19_000);
        clock.set(T0 + 31_500);
        Server second = serverWithState();
        Snapshot partial = second.sink.only();
        assertEquals(T0 + 20_000, partial.epochMillis(), "its own slot, which no flush has written");
        assertEquals(3, counter(partial, "hits"));
        second.timerAt(T0 + 40_001);
        Snapshot next = second.sink.published.get(1);
        assertEquals(0, counter(next, "hits"), "an idle key is still flushed, as 0");
        assertEquals(7, gauge(next, "level"), "a gauge keeps its value");
    }

    @Test
    void aRestartedServerFlushesWhatOneProcessWouldHaveFlushedForTheSameLines() {
        String before = "hits:3|c\nhits:1|c|@0.25\nrt:10|ms|@0.5\nrt:5|ms\nusers:ann|s\nusers:bob|s\nlevel:7|g\nlevel:-2|g\n"
                + "idle:1|c\nhits:5|c|T1699999990\nrt:2|ms|@0.5|T1699999990\nusers:ann|s|T1699999990\nlevel:3|g|T1699999991";
        String after = "hits:4|c\nrt:30|ms|@0.1\nrt:5|ms\nusers:ann|s\nusers:cy|s\nlevel:+1|g\nother:2|c\n"
                + "hits:6|c|T1699999990\nrt:4|ms|T1699999990\nusers:bob|s|T1699999990\nhits:1|c|T1699999992";
        Server first = serverWithState();
        first.send("idle:1|c\nold:5|ms");
        first.timerAt(T0 + 10_001);
        first.send(before);
        first.stopAt(T0 + 15_000);
        clock.set(T0 + 16_000);
        Server second = serverWithState();
        second.send(after);
        second.timerAt(T0 + 20_001);

        clock.set(T0 + 3_000);
        Server one = server(true);
        one.send("idle:1|c\nold:5|ms");
        one.timerAt(T0 + 10_001);
        one.send(before);
        one.send(after);
        one.timerAt(T0 + 20_001);

        assertSameFlush(one.sink.published.get(1), second.sink.only());
        assertEquals(3, second.sink.only().stamped().size(), "points stamped with 3 seconds, one of them in both");
        assertEquals(11, second.sink.only().stamped().get(0).counters().get(0).value());
    }

    @Test
    void whenTheStateCannotBeSavedThePartialIntervalIsSentInstead() throws Exception {
        Path notADirectory = Files.writeString(stateDir.resolve("file"), "x");
        Server server = new Server(true, new PartialIntervalStore(notADirectory, DAY), "");
        server.send("hits:2|c");
        server.stopAt(T0 + 4_000);
        assertEquals(2, counter(server.sink.only(), "hits"));
        assertEquals(T0 + 10_000, server.sink.only().epochMillis());
    }

    @Test
    void restoredKeysKeepTheirPrefixOnceAndNewLinesForThemAddUp() {
        Server first = new Server(true, new PartialIntervalStore(stateDir, DAY), "app");
        first.send("hits:3|c");
        first.stopAt(T0 + 4_000);
        clock.set(T0 + 5_000);
        Server second = new Server(true, new PartialIntervalStore(stateDir, DAY), "app");
        second.send("hits:4|c");
        second.timerAt(T0 + 10_001);
        Snapshot merged = second.sink.only();
        assertEquals(7, counter(merged, "app.hits"));
        assertFalse(merged.counters().stream().anyMatch(c -> c.name().startsWith("app.app.")), merged.counters().toString());
    }

    /** Everything but the server's own statsd.* figures, which describe each process. */
    private static void assertSameFlush(Snapshot expected, Snapshot actual) {
        assertEquals(expected.epochMillis(), actual.epochMillis());
        assertSameMetrics(expected.counters(), expected.timers(), expected.gauges(), expected.sets(),
                actual.counters(), actual.timers(), actual.gauges(), actual.sets());
        assertEquals(expected.stamped().stream().map(StampedMetrics::epochSeconds).toList(),
                actual.stamped().stream().map(StampedMetrics::epochSeconds).toList());
        for (int i = 0; i < expected.stamped().size(); i++) {
            StampedMetrics one = expected.stamped().get(i);
            StampedMetrics two = actual.stamped().get(i);
            assertSameMetrics(one.counters(), one.timers(), one.gauges(), one.sets(),
                    two.counters(), two.timers(), two.gauges(), two.sets());
        }
    }

    private static List<GaugeValue> withoutReceiveTimes(List<GaugeValue> gauges) {
        return gauges.stream().map(g -> new GaugeValue(g.name(), g.value(), g.written())).toList();
    }

    private static void assertSameMetrics(List<CounterValue> expectedCounters, List<TimerSamples> expectedTimerList,
                                          List<GaugeValue> expectedGauges, List<SetMembers> expectedSetList,
                                          List<CounterValue> actualCounters, List<TimerSamples> actualTimerList,
                                          List<GaugeValue> actualGauges, List<SetMembers> actualSetList) {
        assertEquals(received(expectedCounters, CounterValue::name), received(actualCounters, CounterValue::name));
        // a gauge's receive time is when its line arrived in each run, not part of what is flushed
        assertEquals(received(withoutReceiveTimes(expectedGauges), GaugeValue::name),
                received(withoutReceiveTimes(actualGauges), GaugeValue::name));
        Map<String, TimerSamples> expectedTimers = received(expectedTimerList, TimerSamples::name);
        Map<String, TimerSamples> actualTimers = received(actualTimerList, TimerSamples::name);
        assertEquals(expectedTimers.keySet(), actualTimers.keySet());
        expectedTimers.forEach((name, timer) -> {
            assertArrayEquals(timer.sortedValues(), actualTimers.get(name).sortedValues(), name);
            assertEquals(timer.weightedCount(), actualTimers.get(name).weightedCount(), 1e-9, name);
        });
        Map<String, SetMembers> expectedSets = received(expectedSetList, SetMembers::name);
        Map<String, SetMembers> actualSets = received(actualSetList, SetMembers::name);
        assertEquals(expectedSets.keySet(), actualSets.keySet());
        expectedSets.forEach((name, set) -> assertArrayEquals(
                Arrays.stream(set.hashes()).sorted().toArray(),
                Arrays.stream(actualSets.get(name).hashes()).sorted().toArray(), name));
    }

    private static <T> Map<String, T> received(List<T> values, Function<T, String> name) {
        Map<String, T> byName = new TreeMap<>();
        for (T value : values) {
            if (!name.apply(value).startsWith("statsd.")) {
                byName.put(name.apply(value), value);
            }
        }
        return byName;
    }

    static double counter(Snapshot snapshot, String name) {
        return snapshot.counters().stream().filter(c -> c.name().equals(name)).mapToDouble(CounterValue::value)
                .findFirst().orElseThrow(() -> new AssertionError("no counter " + name + " in " + snapshot.counters()));
    }

    static double gauge(Snapshot snapshot, String name) {
        return snapshot.gauges().stream().filter(g -> g.name().equals(name)).mapToDouble(GaugeValue::value)
                .findFirst().orElseThrow(() -> new AssertionError("no gauge " + name + " in " + snapshot.gauges()));
    }

    static TimerSamples timer(Snapshot snapshot, String name) {
        return snapshot.timers().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no timer " + name));
    }

    static SetMembers set(Snapshot snapshot, String name) {
        return snapshot.sets().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no set " + name));
    }

    @Test
    void aSinkThatThrowsFromPublishDoesNotStopTheOthers() {
        RecordingSink before = new RecordingSink();
        FailingSink failing = new FailingSink();
        RecordingSink after = new RecordingSink();
        Flush flush = flushTo(List.of(before, failing, after));
        clock.set(T0 + 10_001);
        flush.run();
        assertEquals(1, failing.published.size(), "the failing sink was asked");
        assertEquals(1, before.published.size());
        assertEquals(1, after.published.size(), "the sink after the failing one still got the flush");
        assertSame(before.published.get(0), after.published.get(0), "every sink gets the same snapshot");
        assertEquals(T0 + 10_000, after.published.get(0).epochMillis(), "stamped with the boundary it closes");
    }

    @Test
    void finishPublishesAndClosesEverySinkOnceEvenWhenCalledTwice() {
        RecordingSink first = new RecordingSink();
        FailingSink failing = new FailingSink();
        RecordingSink last = new RecordingSink();
        Flush flush = flushTo(List.of(first, failing, last));
        flush.finish(Duration.ofSeconds(5));
        flush.finish(Duration.ofSeconds(5));
        for (RecordingSink sink : List.of(first, failing, last)) {
            assertEquals(1, sink.published.size(), "the partial interval is published once");
            assertEquals(1, sink.closes.size(), "closed once");
            assertTrue(sink.closes.get(0).compareTo(Duration.ofSeconds(5)) <= 0,
                    "given what is left of the shutdown timeout, got " + sink.closes.get(0));
        }
    }

    /** A flush without a state directory to these sinks. */
    private Flush flushTo(List<Sink> sinks) {
        return new Flush(new Aggregation(KeyRegistries.withMaxKeys(100), "", false, 10_000, () -> 0L), sinks,
                new FlushSchedule(10_000, true, clock.millis()), clock, null);
    }

    private static final class FailingSink extends RecordingSink {
        @Override
        public void publish(Snapshot snapshot) {
            super.publish(snapshot);
            throw new IllegalStateException("a sink with a bug");
        }
    }

    /** Keeps what it is given. Thread-safe: flushes publish from any thread. */
    static class RecordingSink implements Sink {
        final List<Snapshot> published = new CopyOnWriteArrayList<>();
        final List<Duration> closes = new CopyOnWriteArrayList<>();

        @Override
        public void publish(Snapshot snapshot) {
            published.add(snapshot);
        }

        @Override
        public void close(Duration timeout) {
            closes.add(timeout);
        }

        Snapshot only() {
            assertEquals(1, published.size(), published.toString());
            return published.get(0);
        }

        List<Long> stamps() {
            return published.stream().map(Snapshot::epochMillis).toList();
        }
    }
}
