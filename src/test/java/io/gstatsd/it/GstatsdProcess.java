package io.gstatsd.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real server as users run it: {@code payara/gstatsd} with options, as a child process whose output
 * goes to a log file under {@code target/}. Waits until Payara Micro reports it is ready; stops with
 * SIGTERM (as an operator would), killing it if it does not exit in time.
 */
public final class GstatsdProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);   // three cluster members starting at once on 2 cores took 107 s

    /** What the ready line, printed once Payara has deployed the server, contains. */
    private static final String READY = " ready in ";

    private final Process process;
    private final Path log;
    private final int udpPort;

    private GstatsdProcess(Process process, Path log, int udpPort) {
        this.process = process;
        this.log = log;
        this.udpPort = udpPort;
    }

    public static Path home() {
        return Path.of(System.getProperty("gstatsd.home", ".")).toAbsolutePath();
    }

    /**
     * Starts {@code payara/gstatsd -b 127.0.0.1:udpPort} plus the given options, and waits until it is ready.
     * Unless the options name a state directory, the server has one of its own, emptied first
     * ({@code target/it-state/NAME}), so no test takes over what another one, or an earlier run, left.
     */
    public static GstatsdProcess start(String name, int udpPort, String... options) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("-b", "127.0.0.1:" + udpPort));
        arguments.addAll(List.of(options));
        return startWith(name, udpPort, arguments);
    }

    /** Starts {@code payara/gstatsd} with these options (which must make it receive on {@code udpPort}), state directory as above. */
    public static GstatsdProcess startWith(String name, int udpPort, List<String> options) throws IOException, InterruptedException {
        GstatsdProcess server = launchWith(name, udpPort, options);
        server.awaitReady();
        return server;
    }

    /** As {@link #start}, without waiting for the ready line. */
    public static GstatsdProcess launch(String name, int udpPort, String... options) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("-b", "127.0.0.1:" + udpPort));
        arguments.addAll(List.of(options));
        return launchWith(name, udpPort, arguments);
    }

    private static GstatsdProcess launchWith(String name, int udpPort, List<String> options) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(home().resolve("payara/gstatsd").toString());
        command.addAll(options);
        if (command.stream().noneMatch(option -> option.startsWith("-Dgstatsd.state-dir="))) {
            Path stateDir = home().resolve("target/it-state/" + name);
            deleteRecursively(stateDir);
            command.add("-Dgstatsd.state-dir=" + stateDir);
        }
        Path log = home().resolve("target/it-logs/" + name + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .directory(home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new GstatsdProcess(process, log, udpPort);
    }

    /** Removes a directory and everything in it, if it exists. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Whether the ready line has been printed. */
    public boolean ready() throws IOException {
        return output().contains(READY);
    }

    /** The ready line; fails when there is none yet. */
    public String readyLine() throws IOException {
        String output = output();
        return output.lines().filter(line -> line.contains(READY)).findFirst()
                .orElseThrow(() -> new AssertionError("no ready line yet:\n" + output));
    }

    public void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready()) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("gstatsd exited with " + process.exitValue() + " before it was ready:\n" + tail());
            }
            Thread.sleep(200);
        }
        close();
        throw new AssertionError("gstatsd not ready within " + START_TIMEOUT + ":\n" + tail());
    }

    public void send(String datagram) throws IOException {
        Udp.send(udpPort, datagram);
    }

    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    public String tail() throws IOException {
        String output = output();
        return output.substring(Math.max(0, output.length() - 4000));
    }

    public Process process() {
        return process;
    }

    /** SIGTERM, as an operator stops it; returns whether it exited within the timeout. */
    public boolean terminate(Duration timeout) throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (!terminate(Duration.ofSeconds(20))) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
