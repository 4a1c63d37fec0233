package io.gstatsd.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Differential test: the real Etsy statsd 0.9.0 and {@code payara/gstatsd -c} read the same configuration
 * file, receive the same datagrams in the same intervals, and must write the same Graphite lines. Each
 * server's flushes go to its own in-test listener; a batch of datagrams is sent just after a flush, so it
 * falls into the next interval on both servers whatever their clocks. Compared per flush, line by line
 * (sorted: Graphite does not care about the order): every name and value, except the values of the timing
 * figures (processing and calculation times, the graphite backend's own figures, the timestamp lag), whose
 * names are still compared; gstatsd's own extra series ({@code kernel_drops}, {@code keys_over_limit},
 * {@code unknown_fields}, {@code repeater_drops}, {@code graphiteStats.dropped_flushes}) are left out, and {@code numStats} compared
 * without them.
 */
class EtsyDifferentialIT {

    private static final int FLUSH_MILLIS = 2000;
    private static final Duration FLUSH_TIMEOUT = Duration.ofMillis(4 * FLUSH_MILLIS);
    private static final int IDLE_INTERVALS = 3;

    /** One interval's datagrams each; then {@link #IDLE_INTERVALS} intervals without any. */
    private static final List<List<String>> BATCHES = List.of(
            List.of("api.hits:1|c\napi.hits:2|c|@0.5\napi.hits:3|c",
                    "api.rt:10|ms\napi.rt:20|ms\napi.rt:30|ms|@0.5\napi.rt:5|ms\napi.rt:250|ms",
                    "db.query.rt:1|ms:2|ms:3|ms",
                    "render.time:0.5|ms\nrender.time:7|ms\nrender.time:12.25|ms",
                    "queue.depth:10|g\nqueue.depth:+5|g\nqueue.depth:-3|g",
                    "temp:-4|g",
                    "users:alice|s\nusers:bob|s\nusers:alice|s",
                    "app.packets_received:2|c",
                    "tagged.hits:1|c|#env:prod,region:eu",
                    "tagged.rt:7|ms|#env:prod",
                    "nocolon\nk:abc|c\nneg:-1|ms\nrate:1|c|@x",
                    "spaced key/name:1|c"),
            List.of("api.hits:5|c",
                    "api.rt:15|ms",
                    "queue.depth:+1|g",
                    "new.counter:7|c",
                    "users:carol|s",
                    "render.time:3|ms",
                    "spaced_key-name:2|c"),
            List.of("queue.depth:-1|g",
                    "temp:+2|g",
                    "api.hits:1|c"));

    record Case(String name, String options) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("deleteIdleStats, percentThreshold [90, 99, -10], histogram bins, prefixStats", """
                        deleteIdleStats: true,
                        percentThreshold: [90, 99, -10],
                        histogram: [ { metric: 'render', bins: [ 0.5, 1, 10, 'inf' ] }, { metric: '', bins: [ 25, 100 ] } ],
                        prefixStats: 'gs',
                        """),
                new Case("deleteCounters, deleteGauges with gaugesMaxTTL 3, percentThreshold [], calculatedTimerMetrics,"
                        + " flush_counts false, new namespace without prefixes", """
                        deleteCounters: true,
                        deleteGauges: true,
                        gaugesMaxTTL: 3,
                        percentThreshold: [],
                        calculatedTimerMetrics: ['count', 'mean', 'upper_percent', 'histogram'],
                        flush_counts: false,
                        histogram: [ { metric: 'rt', bins: [ 10, 'inf' ] } ],
                        graphite: { legacyNamespace: false, globalPrefix: '', prefixCounter: '' },
                        """),
                new Case("globalPrefix, prefix*, globalSuffix and tags in the new namespace, deleteTimers, deleteSets", """
                        graphite: { legacyNamespace: false, globalPrefix: 'app', prefixCounter: 'cnt', prefixTimer: 'tm',
                                    prefixGauge: '', prefixSet: 'st', globalSuffix: 'host1' },
                        prefixStats: 'gs',
                        percentThreshold: [95, -5],
                        deleteTimers: true,
                        deleteSets: true,
                        calculatedTimerMetrics: ['count', 'count_ps', 'upper_percent', 'lower_percent',
                                                 'sum_squares_percent', 'median'],
                        """),
                new Case("legacy namespace with globalSuffix, keyNameSanitize false, percentThreshold 99.9, deleteGauges", """
                        graphite: { globalSuffix: 'h2', globalPrefix: 'ignored', prefixCounter: 'ignored' },
                        flush_counts: false,
                        keyNameSanitize: false,
                        percentThreshold: 99.9,
                        deleteGauges: true,
                        """),
                new Case("Etsy's exampleConfig.js (the defaults)", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gstatsdWritesTheLinesEtsyStatsdWrites(Case theCase) throws Exception {
        try (GraphiteCapture etsyGraphite = GraphiteCapture.start(); GraphiteCapture ourGraphite = GraphiteCapture.start()) {
            int etsyPort = Ports.freeUdpPort();
            int ourPort = Ports.freeUdpPort();
            Path etsyConfig = config("etsy", theCase, etsyPort, etsyGraphite.port());
            Path ourConfig = config("gstatsd", theCase, ourPort, ourGraphite.port());
            String name = "differential-" + Math.abs(theCase.name.hashCode());
            try (GstatsdProcess ours = GstatsdProcess.startWith(name, ourPort, List.of("-c", ourConfig.toString()));
                 EtsyStatsd etsy = EtsyStatsd.start(name + "-etsy", etsyConfig)) {
                CompletableFuture<List<List<String>>> etsyFlushes = async(() -> play(etsyGraphite, etsyPort));
                CompletableFuture<List<List<String>>> ourFlushes = async(() -> play(ourGraphite, ourPort));
                List<List<String>> expected = join(etsyFlushes);
                List<List<String>> actual = join(ourFlushes);
                for (int i = 0; i < expected.size(); i++) {
                    String flush = (i < BATCHES.size() ? "batch " + (i + 1) : "idle interval " + (i + 1 - BATCHES.size()));
                    assertSameSeries(theCase + ", " + flush, expected.get(i), actual.get(i));
                }
            }
        }
    }

    private static Path config(String server, Case theCase, int udpPort, int graphitePort) throws IOException {
        String text = """
                /* written by EtsyDifferentialIT: %s */
                { graphitePort: %d
                , graphiteHost: "127.0.0.1"
                , port: %d
                , address: '127.0.0.1'
                , mgmt_port: %d
                , mgmt_address: '127.0.0.1'
                , flushInterval: %d
                , backends: [ "./backends/graphite" ],
                %s}
                """.formatted(theCase.name, graphitePort, udpPort, Ports.freeTcpPort(), FLUSH_MILLIS, theCase.options);
        Path file = GstatsdProcess.home().resolve("target/it-logs/differential-" + server + "-"
                + Math.abs(theCase.name.hashCode()) + ".js");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Each batch right after a flush, then the flush that holds it; then the idle intervals' flushes. */
    private static List<List<String>> play(GraphiteCapture graphite, int udpPort) throws Exception {
        graphite.clear();
        graphite.nextFlush(FLUSH_TIMEOUT);
        List<List<String>> flushes = new ArrayList<>();
        for (List<String> batch : BATCHES) {
            for (String datagram : batch) {
                Udp.send(udpPort, datagram);
            }
            flushes.add(graphite.nextFlush(FLUSH_TIMEOUT));
        }
        for (int i = 0; i < IDLE_INTERVALS; i++) {
            flushes.add(graphite.nextFlush(FLUSH_TIMEOUT));
        }
        return flushes;
    }

    static void assertSameSeries(String context, List<String> etsy, List<String> ours) {
        Series expected = series(etsy, 0);
        Series actual = series(ours, gstatsdOnlyKeys(ours));
        assertEquals(expected.values, actual.values, context + ": values");
        assertEquals(expected.timingNames, actual.timingNames, context + ": names of the timing figures");
    }

    private record Series(List<String> values, TreeSet<String> timingNames) {
    }

    private static Series series(List<String> lines, int extraKeys) {
        List<String> values = new ArrayList<>();
        TreeSet<String> timingNames = new TreeSet<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            if (parts.length != 3) {
                values.add("malformed: " + line);
                continue;
            }
            String name = parts[0];
            if (gstatsdOnly(name)) {
                continue;
            }
            if (timing(name)) {
                timingNames.add(name);
            } else if (name.contains(".numStats")) {
                values.add(name + " " + (Long.parseLong(parts[1]) - extraKeys));
            } else {
                values.add(name + " " + parts[1]);
            }
        }
        values.sort(null);
        return new Series(values, timingNames);
    }

    private static boolean timing(String name) {
        return name.contains(".graphiteStats.") || name.contains(".processing_time") || name.contains("timestamp_lag");
    }

    private static boolean gstatsdOnly(String name) {
        return name.contains("kernel_drops") || name.contains("keys_over_limit") || name.contains("unknown_fields")
                || name.contains("repeater_drops") || name.contains("graphiteStats.dropped_flushes");
    }

    /** gstatsd's own counters in a flush, which its numStats counts. */
    private static int gstatsdOnlyKeys(List<String> lines) {
        int keys = 0;
        for (String counter : List.of("kernel_drops", "keys_over_limit", "unknown_fields", "repeater_drops")) {
            if (lines.stream().anyMatch(line -> line.contains(counter))) {
                keys++;
            }
        }
        return keys;
    }

    private static <T> CompletableFuture<T> async(Callable<T> task) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return task.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    private static <T> T join(CompletableFuture<T> future) throws Exception {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }
}
