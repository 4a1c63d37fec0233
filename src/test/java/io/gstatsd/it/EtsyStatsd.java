package io.gstatsd.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Etsy statsd 0.9.0 under node, the reference of the differential tests: installed from npm into
 * {@code target/etsy} on first use ({@code .ci/run} does it beforehand), started on a configuration file
 * with its output in {@code target/it-logs/}, stopped with SIGTERM.
 */
final class EtsyStatsd implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;

    private EtsyStatsd(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Path home() {
        return GstatsdProcess.home().resolve("target/etsy/node_modules/statsd");
    }

    /** npm install statsd@0.9.0 into target/etsy, unless it is there. */
    static synchronized void install() throws IOException, InterruptedException {
        if (Files.isRegularFile(home().resolve("stats.js"))) {
            return;
        }
        Path prefix = GstatsdProcess.home().resolve("target/etsy");
        Files.createDirectories(prefix);
        Process npm = new ProcessBuilder("npm", "install", "--prefix", prefix.toString(), "statsd@0.9.0",
                "--no-audit", "--no-fund", "--loglevel=error")
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("npm-install.log").toFile())
                .start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isRegularFile(home().resolve("stats.js"))) {
            npm.destroyForcibly();
            throw new AssertionError("npm install statsd@0.9.0 failed:\n"
                    + Files.readString(prefix.resolve("npm-install.log"), StandardCharsets.UTF_8));
        }
    }

    static EtsyStatsd start(String name, Path config) throws IOException, InterruptedException {
        install();
        Path log = GstatsdProcess.home().resolve("target/it-logs/" + name + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(List.of("node", home().resolve("stats.js").toString(), config.toString()))
                .directory(home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        EtsyStatsd etsy = new EtsyStatsd(process, log);
        etsy.awaitUp();
        return etsy;
    }

    private void awaitUp() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains("server is up")) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("Etsy statsd exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(100);
        }
        close();
        throw new AssertionError("Etsy statsd not up within " + START_TIMEOUT + ":\n" + output());
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
