package io.gstatsd.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restarts through payara/gstatsd against carbon-cache with a 10 s whisper step, one server after another on
 * the same state directory: SIGTERM 1, 5 and 9 s after a flush with a 10 s flush interval (the restart, 10 s
 * of Payara start-up or more, usually ends after the interval of the saved partial, which is then flushed on
 * its own), then 1 s after a flush with a 60 s interval (the restart falls inside the interval: merged).
 * Every count sent must be stored once, in the slot of the interval it was sent in, so no slot holds a
 * partial value where a full one was; the gauge keeps its value and the idle counter keeps being flushed
 * across every restart. Last, carbon goes down before the merged flush, which waits in the sink's queue
 * across one more restart and is delivered by the next server; the partial interval's file, damaged on
 * purpose before that start (it holds no counts), is set aside with one log line.
 * <p>
 * Counts are sent every 100 ms while a server runs, never within {@link #GUARD_MILLIS} of a boundary, so the
 * interval each belongs to is known without racing the flush.
 */
class RestartIT {

    private static final long GUARD_MILLIS = 300;
    private static final String HITS = "stats_counts.it.restart.hits";
    private static final String TIMER_COUNT = "stats.timers.it.restart.rt.count";
    private static final String GAUGE = "stats.gauges.it.restart.level";
    private static final String IDLE = "stats_counts.it.restart.idle";
    private static final Pattern LOGGED_AT = Pattern.compile("timeMillis: (\\d+)");

    private final Path stateDir = GstatsdProcess.home().resolve("target/it-state/restart");
    private final int udpPort = Ports.freeUdpPort();
    /** Counts sent, by the Graphite second of the interval they were sent in. */
    private final SortedMap<Long, Integer> sent = new TreeMap<>();
    private final List<String> report = new ArrayList<>();
    private int starts;
    /** The end of the interval of the partial saved at the last stop. */
    private long partialEndMillis;
    /** When the server started last flushes first: with the partial merged, at the partial's end. */
    private long firstFlushOfTheNextServer;

    @Test
    void restartsAtAnyPhaseOfTheIntervalStoreEveryCountOnceInTheSlotOfItsInterval() throws Exception {
        GstatsdProcess.deleteRecursively(stateDir);
        Path carbonDir = Path.of("target/carbon-restart");
        GstatsdProcess.deleteRecursively(carbonDir);
        long from = nowSeconds() - 60;
        try (Carbon carbon = Carbon.start(carbonDir, "10s:6h")) {
            GstatsdProcess server = start(carbon, 10);
            awaitOutsideGuard(10_000);
            server.send("restart.level:42|g\nrestart.idle:3|c");
            for (int phaseSeconds : new int[]{1, 5, 9}) {
                server = restart(carbon, server, 10_000, 1, phaseSeconds, phaseSeconds == 9 ? 60 : 10);
            }
            server = restart(carbon, server, 60_000, 0, 1, 60);
            long firstFlush = aFlushIsQueuedWhileCarbonIsDown(carbon, server, firstFlushOfTheNextServer);
            assertTrue(server.terminate(Duration.ofSeconds(30)), "exits after SIGTERM");
            try (Stream<Path> files = Files.list(stateDir)) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("graphite-queue-127.0.0.1_")),
                        "the undelivered flush is kept:\n" + server.tail());
            }
            damage(stateDir.resolve("partial-interval.bin"));
            carbon.restart();
            try (GstatsdProcess last = start(carbon, 10)) {
                aDamagedStateFileIsSetAsideWithOneLogLine(last);
                long until = nowSeconds() + 60;
                SortedMap<Long, Double> hits = carbon.awaitPoints(HITS, from, until,
                        p -> sameCounts(p, 1), Duration.ofSeconds(30));
                SortedMap<Long, Double> timerCounts = carbon.fetch(TIMER_COUNT, from, until);
                printReport(hits);
                System.out.println("flush at " + firstFlush / 1000 + ", queued while carbon was down, kept across a restart:"
                        + " sent " + sent.get(firstFlush / 1000) + " / stored " + hits.get(firstFlush / 1000));
                assertEquals(total(), Carbon.sum(hits), "every count sent is stored");
                assertTrue(sameCounts(hits, 1), "each slot holds the counts of its interval: sent " + sent + ", stored " + hits);
                assertTrue(sameCounts(timerCounts, 2), "timer counts (sample rate 0.5): sent " + sent + ", stored " + timerCounts);
                assertGaugeKeptAndIdleCounterFlushedInEverySlot(carbon, hits.keySet(), from, until, firstFlush / 1000);
                assertFalse(Files.exists(carbon.whisperDir().resolve("stats_counts/it/it")), "the prefix is added once");
            }
        }
    }

    /**
     * Stops carbon, then sends the gauge's delta and counts through the server's first flush (or its next, if
     * the first ran before carbon was down), which carbon cannot take.
     *
     * @return the time of that flush
     */
    private long aFlushIsQueuedWhileCarbonIsDown(Carbon carbon, GstatsdProcess server, long firstFlush)
            throws Exception {
        carbon.stop();
        awaitOutsideGuard(60_000);
        while (firstFlush < System.currentTimeMillis() + GUARD_MILLIS) {
            firstFlush += 60_000;
        }
        server.send("restart.level:+8|g");
        sendUntil(server, firstFlush, 60_000);
        sleepUntil(firstFlush + 2_000);
        return firstFlush;
    }

    /**
     * Sends through the end of the current interval and {@code wholeIntervals} more, stops the server
     * {@code phaseSeconds} after that flush, starts the next one, and notes what became of the partial interval.
     */
    private GstatsdProcess restart(Carbon carbon, GstatsdProcess server, long intervalMillis, int wholeIntervals,
                                   int phaseSeconds, int nextFlushSeconds) throws Exception {
        long lastFlush = nextBoundary(System.currentTimeMillis(), intervalMillis) + wholeIntervals * intervalMillis;
        long stopAt = lastFlush + phaseSeconds * 1000L;
        sendUntil(server, stopAt - 200, intervalMillis);
        sleepUntil(stopAt);
        assertTrue(server.terminate(Duration.ofSeconds(30)), "exits after SIGTERM");
        assertTrue(Files.exists(stateDir.resolve("partial-interval.bin")), "the partial interval is saved:\n" + server.tail());
        partialEndMillis = lastFlush + intervalMillis;
        GstatsdProcess next = start(carbon, nextFlushSeconds);
        String output = payaraLog();
        String takeOver = output.lines().filter(line -> line.contains("the partial interval saved by the last server"))
                .findFirst().orElseThrow(() -> new AssertionError("the partial interval is not taken over:\n" + output));
        Matcher logged = LOGGED_AT.matcher(takeOver);
        assertTrue(logged.find(), takeOver);
        long takenAt = Long.parseLong(logged.group(1));
        boolean merged = takeOver.contains("is merged into this interval");
        report.add(String.format("-f %d, SIGTERM %d s after the flush at %d: partial slot %d, taken over %.1f s after"
                        + " the SIGTERM, %s", intervalMillis / 1000, phaseSeconds, lastFlush / 1000, partialEndMillis / 1000,
                (takenAt - stopAt) / 1000.0, merged ? "merged into the first interval" : "flushed on its own"));
        assertEquals(takenAt < partialEndMillis, merged,
                "merged when taken over before the partial's interval ended, else flushed on its own: " + takeOver);
        firstFlushOfTheNextServer = merged ? partialEndMillis : nextBoundary(takenAt, nextFlushSeconds * 1000L);
        return next;
    }

    private GstatsdProcess start(Carbon carbon, int flushSeconds) throws IOException, InterruptedException {
        return GstatsdProcess.start("restart-" + ++starts, udpPort, "-s", "127.0.0.1:" + carbon.linePort(),
                "-f", Integer.toString(flushSeconds), "-x", "it", "-Dgstatsd.state-dir=" + stateDir);
    }

    private void sendUntil(GstatsdProcess server, long untilMillis, long intervalMillis) throws Exception {
        sendUntil(server, untilMillis, intervalMillis, sent);
    }

    private static void sendUntil(GstatsdProcess server, long untilMillis, long intervalMillis,
                                  SortedMap<Long, Integer> bySlot) throws Exception {
        for (long now = System.currentTimeMillis(); now < untilMillis; now = System.currentTimeMillis()) {
            long intoInterval = Math.floorMod(now, intervalMillis);
            if (intoInterval >= GUARD_MILLIS && intoInterval <= intervalMillis - GUARD_MILLIS) {
                server.send("restart.hits:1|c\nrestart.rt:5|ms|@0.5");
                bySlot.merge(nextBoundary(now, intervalMillis) / 1000, 1, Integer::sum);
            }
            Thread.sleep(100);
        }
    }

    /** Every slot holds {@code perCount} times the counts sent in its interval, and nothing else is stored. */
    private boolean sameCounts(SortedMap<Long, Double> points, int perCount) {
        for (Map.Entry<Long, Integer> slot : sent.entrySet()) {
            if (points.getOrDefault(slot.getKey(), 0.0) != (double) slot.getValue() * perCount) {
                return false;
            }
        }
        return points.entrySet().stream().allMatch(p -> p.getValue() == 0 || sent.containsKey(p.getKey()));
    }

    /**
     * Every slot a flush wrote (the counter is written by every flush) has the gauge, 42 until the delta,
     * and the idle counter: Etsy statsd forgets both at a restart.
     */
    private static void assertGaugeKeptAndIdleCounterFlushedInEverySlot(Carbon carbon, Iterable<Long> flushed, long from,
                                                                      long until, long deltaSlot) throws Exception {
        SortedMap<Long, Double> gauge = carbon.fetch(GAUGE, from, until);
        SortedMap<Long, Double> idle = carbon.fetch(IDLE, from, until);
        for (long slot : flushed) {
            assertEquals(slot >= deltaSlot ? 50.0 : 42.0, gauge.get(slot), "gauge at " + slot + ": " + gauge);
            assertTrue(idle.containsKey(slot), "the idle counter is flushed at " + slot + ": " + idle);
        }
        assertEquals(3.0, Carbon.sum(idle), "the idle counter's one count: " + idle);
    }

    /** The INFO lines of the server started last: the console shows warnings only, Payara's log file all. */
    private static String payaraLog() throws IOException {
        return Files.readString(GstatsdProcess.home().resolve("target/payara.log"));
    }

    private static void damage(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 8; i++) {
            bytes[i] ^= (byte) 0x5a;
        }
        Files.write(file, bytes);
    }

    private void aDamagedStateFileIsSetAsideWithOneLogLine(GstatsdProcess server) throws IOException {
        List<String> lines = server.output().lines().filter(line -> line.contains("not used, damaged")).toList();
        assertEquals(1, lines.size(), server.tail());
        assertTrue(lines.get(0).contains("set aside as partial-interval.bin.damaged-"), lines.get(0));
        assertFalse(Files.exists(stateDir.resolve("partial-interval.bin")));
        try (Stream<Path> files = Files.list(stateDir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("partial-interval.bin.damaged-")));
        }
        report.add("damaged state file: " + lines.get(0).substring(lines.get(0).indexOf("gstatsd: state file")));
    }

    private void printReport(SortedMap<Long, Double> hits) {
        report.forEach(System.out::println);
        System.out.println("slot: sent / stored");
        sent.forEach((slot, count) -> System.out.println(slot + ": " + count + " / " + hits.get(slot)));
        System.out.println("total: " + total() + " / " + Carbon.sum(hits));
    }

    private int total() {
        return sent.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static void awaitOutsideGuard(long intervalMillis) throws InterruptedException {
        Predicate<Long> inGuard = now -> {
            long into = Math.floorMod(now, intervalMillis);
            return into < GUARD_MILLIS || into > intervalMillis - GUARD_MILLIS;
        };
        while (inGuard.test(System.currentTimeMillis())) {
            Thread.sleep(50);
        }
    }

    private static long nextBoundary(long millis, long intervalMillis) {
        return Math.floorDiv(millis, intervalMillis) * intervalMillis + intervalMillis;
    }

    private static void sleepUntil(long millis) throws InterruptedException {
        long wait = millis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
