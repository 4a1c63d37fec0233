package io.gstatsd.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private net-snmp agent (Debian's snmpd) on a loopback UDP port with its own configuration, in the
 * foreground ({@code snmpd -f -Lo -C -c conf}), never the system's service; and the net-snmp tools to ask it.
 */
final class Snmpd implements AutoCloseable {

    static final String COMMUNITY = "public";

    private final Process process;
    private final Path log;
    private final int port;

    private Snmpd(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts snmpd with the given snmpd.conf lines (read-only community {@value #COMMUNITY} on loopback). */
    static Snmpd start(Path directory, List<String> configuration) throws IOException, InterruptedException {
        Files.createDirectories(directory.resolve("persistent"));
        Path conf = directory.resolve("snmpd.conf");
        List<String> lines = new ArrayList<>(List.of("rocommunity " + COMMUNITY + " 127.0.0.1"));
        lines.addAll(configuration);
        Files.write(conf, lines);
        int port = Ports.freeUdpPort();
        Path log = directory.resolve("snmpd.log");
        ProcessBuilder builder = new ProcessBuilder("/usr/sbin/snmpd", "-f", "-Lo", "-C", "-c", conf.toString(),
                "udp:127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        environment(builder.environment());
        builder.environment().put("SNMP_PERSISTENT_DIR", directory.resolve("persistent").toString());
        Snmpd snmpd = new Snmpd(builder.start(), log, port);
        Runtime.getRuntime().addShutdownHook(new Thread(snmpd.process::destroyForcibly));
        snmpd.awaitAnswering();
        return snmpd;
    }

    /** No MIB files (Debian ships the tools without the IETF ones): numeric OIDs and quiet logs. */
    private static void environment(Map<String, String> environment) {
        environment.put("MIBS", "");
        environment.put("MIBDIRS", "");
        // snmpd's own PATH has the system's python3 first, as a service's would
        environment.merge("PATH", "/usr/bin:/bin", (old, system) -> system + ":" + old);
    }

    private void awaitAnswering() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("snmpd exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            if (run("snmpget", List.of("-t", "1", "-r", "0"), ".1.3.6.1.2.1.1.3.0").status() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("snmpd did not answer within 30 s:\n" + Files.readString(log));
    }

    record Output(int status, String stdout, String stderr) {
    }

    /** Runs snmpwalk, snmpget or snmpgetnext on the given OIDs against this agent: SNMPv2c, numeric OIDs. */
    Output run(String tool, String... oids) throws IOException, InterruptedException {
        return run(tool, List.of("-t", "10"), oids);
    }

    private Output run(String tool, List<String> options, String... oids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/" + tool, "-v2c", "-c", COMMUNITY, "-On"));
        command.addAll(options);
        command.add("127.0.0.1:" + port);
        command.addAll(List.of(oids));
        ProcessBuilder builder = new ProcessBuilder(command);
        environment(builder.environment());
        Process running = builder.start();
        byte[] stdout = running.getInputStream().readAllBytes();
        byte[] stderr = running.getErrorStream().readAllBytes();
        if (!running.waitFor(120, TimeUnit.SECONDS)) {
            running.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Output(running.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                new String(stderr, StandardCharsets.UTF_8));
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
