package io.gstatsd.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Graphite {@code carbon-cache} (Debian's graphite-carbon) on loopback ports with its own
 * configuration and whisper files under a work directory, storing every metric at 1-second resolution
 * unless told another retention;
 * {@link #fetch} reads stored points back with {@code whisper-fetch}. Stop and restart keep port and data,
 * for outage tests.
 * <p>
 * Tagged series ({@code name;k=v}) need no tag database to be stored: carbon 1.1 normalises the name (tags
 * sorted) and writes it to {@code _tagged/<sha256[0:3]>/<sha256[3:6]>/<sha256>.wsp} whether or not
 * {@code ENABLE_TAGS} is set; that setting only makes it also post each new series to graphite-web's tag
 * database ({@code /tags/tagMultiSeries}), which these tests do not run. {@link #fetch} reads either kind.
 */
public final class Carbon implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final int linePort;
    private final String retentions;
    private Process process;

    private Carbon(Path dir, int linePort, String retentions) {
        this.dir = dir;
        this.linePort = linePort;
        this.retentions = retentions;
    }

    public static Carbon start(Path dir) throws IOException, InterruptedException {
        return start(dir, "1s:6h");
    }

    /** @param retentions whisper's retentions for every metric, such as {@code 10s:6h} (one point per 10 s) */
    public static Carbon start(Path dir, String retentions) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("whisper"));
        Files.createDirectories(dir.resolve("log"));
        Carbon carbon = new Carbon(dir.toAbsolutePath(), Ports.freeTcpPort(), retentions);
        carbon.writeConfig();
        carbon.restart();
        Runtime.getRuntime().addShutdownHook(new Thread(carbon::stop));
        return carbon;
    }

    public int linePort() {
        return linePort;
    }

    /** Where the whisper files are, one directory level per dot of a metric's name. */
    public Path whisperDir() {
        return dir.resolve("whisper");
    }

    private void writeConfig() throws IOException {
        Files.writeString(dir.resolve("carbon.conf"), String.join("\n",
                "[cache]",
                "STORAGE_DIR = " + dir,
                "LOCAL_DATA_DIR = " + dir.resolve("whisper"),
                "CONF_DIR = " + dir,
                "LOG_DIR = " + dir.resolve("log"),
                "PID_DIR = " + dir,
                "USER =",
                "ENABLE_TAGS = False",
                "MAX_CACHE_SIZE = inf",
                "MAX_UPDATES_PER_SECOND = 100000",
                "MAX_CREATES_PER_MINUTE = inf",
                "CACHE_WRITE_STRATEGY = sorted",
                "LINE_RECEIVER_INTERFACE = 127.0.0.1",
                "LINE_RECEIVER_PORT = " + linePort,
                "ENABLE_UDP_LISTENER = False",
                "PICKLE_RECEIVER_INTERFACE = 127.0.0.1",
                "PICKLE_RECEIVER_PORT = " + Ports.freeTcpPort(),
                "CACHE_QUERY_INTERFACE = 127.0.0.1",
                "CACHE_QUERY_PORT = " + Ports.freeTcpPort(),
                "LOG_LISTENER_CONNECTIONS = False",
                "WHISPER_FALLOCATE_CREATE = False",
                ""), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("storage-schemas.conf"), String.join("\n",
                "[everything]", "pattern = .*", "retentions = " + retentions, ""), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("storage-aggregation.conf"), String.join("\n",
                "[default]", "pattern = .*", "xFilesFactor = 0", "aggregationMethod = average", ""),
                StandardCharsets.UTF_8);
    }

    /** Starts (again) on the same port and data; returns once the line port accepts connections. */
    public void restart() throws IOException, InterruptedException {
        Path log = dir.resolve("log/console.log");
        process = new ProcessBuilder("carbon-cache", "--config=" + dir.resolve("carbon.conf"), "--nodaemon",
                "--pidfile=" + dir.resolve("carbon.pid"), "--logdir=" + dir.resolve("log"), "start")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("carbon-cache exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), linePort), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        stop();
        throw new AssertionError("carbon-cache did not listen on " + linePort + " within " + START_TIMEOUT + ":\n" + tail(log));
    }

    /** Stops carbon-cache (it writes its cache out first); the whisper files stay. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(dir.resolve("carbon.pid"));
        } catch (IOException ignored) {
            // a stale pid file would stop the next start: carbon checks it
        }
    }

    /** The stored points of a metric in [from, until], timestamps in epoch seconds; empty if not stored yet. */
    public SortedMap<Long, Double> fetch(String metric, long fromEpochSeconds, long untilEpochSeconds)
            throws IOException, InterruptedException {
        Path file = whisperFile(metric);
        SortedMap<Long, Double> points = new TreeMap<>();
        if (!Files.exists(file)) {
            return points;
        }
        Process fetch = new ProcessBuilder("whisper-fetch", "--from=" + fromEpochSeconds, "--until=" + untilEpochSeconds,
                file.toString()).redirectErrorStream(true).start();
        String output = new String(fetch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!fetch.waitFor(30, TimeUnit.SECONDS) || fetch.exitValue() != 0) {
            throw new AssertionError("whisper-fetch failed on " + file + ":\n" + output);
        }
        for (String line : output.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2 && !fields[1].equals("None")) {
                points.put(Long.parseLong(fields[0]), Double.parseDouble(fields[1]));
            }
        }
        return points;
    }

    /** Where carbon keeps a metric: a tagged one by the sha256 of its name, as carbon's {@code TaggedSeries.encode}. */
    Path whisperFile(String metric) {
        Path whisper = dir.resolve("whisper");
        if (metric.indexOf(';') < 0) {
            return whisper.resolve(metric.replace('.', '/') + ".wsp");
        }
        try {
            String hash = java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(metric.getBytes(StandardCharsets.UTF_8)));
            return whisper.resolve("_tagged").resolve(hash.substring(0, 3)).resolve(hash.substring(3, 6)).resolve(hash + ".wsp");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Carbon's own log of names it could not parse as tagged series ("Error parsing metric ..."). */
    public String parseErrors() throws IOException {
        StringBuilder errors = new StringBuilder();
        try (java.util.stream.Stream<Path> logs = Files.walk(dir.resolve("log"))) {
            for (Path file : logs.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.contains("Error parsing metric")) {
                        errors.append(line).append('\n');
                    }
                }
            }
        }
        return errors.toString();
    }

    /** Polls {@link #fetch} until {@code done} holds or the timeout passes; returns the last points read. */
    public SortedMap<Long, Double> awaitPoints(String metric, long from, long until,
                                               Predicate<SortedMap<Long, Double>> done, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SortedMap<Long, Double> points = fetch(metric, from, until);
        while (!done.test(points) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            points = fetch(metric, from, until);
        }
        return points;
    }

    public static double sum(SortedMap<Long, Double> points) {
        return points.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }
}
