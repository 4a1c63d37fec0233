package io.gstatsd.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * io.gstatsd:gstatsd-client as a user gets it: the build installs it in the local repository before the
 * integration tests; a consumer project resolved by Maven gets that jar and nothing else, and a program
 * compiled and run with only that jar sends a counter.
 */
class ClientArtifactIT {

    private static final Path WORK = GstatsdProcess.home().resolve("target/client-artifact-it");
    private static final String VERSION = System.getProperty("gstatsd.version");
    private static final String LOCAL_REPOSITORY = System.getProperty("gstatsd.localRepository");
    private static final long TIMEOUT_SECONDS = 120;

    @Test
    void aConsumerProjectResolvesTheClientJarAndNothingElse() throws Exception {
        List<String> artifacts = resolvedArtifacts();

        assertEquals(1, artifacts.size(), "resolved: " + artifacts);
        assertTrue(artifacts.get(0).startsWith("io.gstatsd:gstatsd-client:jar:" + VERSION + ":compile:"),
                artifacts.get(0));
    }

    @Test
    void aProgramWithOnlyTheInstalledClientJarOnItsClassPathSendsACounter() throws Exception {
        Path clientJar = installedJar();
        Path source = WORK.resolve("program/SendCounter.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                import io.gstatsd.client.StatsClient;

                public class SendCounter {
                    public static void main(String[] args) {
                        try (StatsClient statsd = StatsClient.create("127.0.0.1", Integer.parseInt(args[0]))) {
                            statsd.count("artifact.check", 3);
                        }
                    }
                }
                """);
        Path classes = WORK.resolve("program/classes");
        run(WORK, jdkTool("javac"), "-cp", clientJar.toString(), "-d", classes.toString(), source.toString());

        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            server.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            run(WORK, jdkTool("java"), "-cp", clientJar + java.io.File.pathSeparator + classes, "SendCounter",
                    String.valueOf(server.getLocalPort()));

            byte[] buffer = new byte[1500];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            server.receive(packet);
            assertEquals("artifact.check:3|c", new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theWarHoldsNoClientClasses() throws IOException {
        try (ZipFile war = new ZipFile(GstatsdProcess.home().resolve("target/gstatsd.war").toFile())) {
            List<String> clientEntries = war.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.contains("io/gstatsd/client/"))
                    .toList();
            assertEquals(List.of(), clientEntries);
        }
    }

    private static Path installedJar() {
        Path jar = Path.of(LOCAL_REPOSITORY, "io/gstatsd/gstatsd-client", VERSION, "gstatsd-client-" + VERSION + ".jar");
        assertTrue(Files.isRegularFile(jar), "not installed: " + jar);
        return jar;
    }

    /** {@code dependency:list} of a project that depends on gstatsd-client only, one line per artifact. */
    private static List<String> resolvedArtifacts() throws IOException, InterruptedException {
        Path consumer = WORK.resolve("consumer");
        Files.createDirectories(consumer);
        Files.writeString(consumer.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.gstatsd.it</groupId>
                  <artifactId>client-consumer</artifactId>
                  <version>1</version>
                  <dependencies>
                    <dependency>
                      <groupId>io.gstatsd</groupId>
                      <artifactId>gstatsd-client</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(VERSION));
        Path list = consumer.resolve("dependencies.txt");
        Files.deleteIfExists(list);
        run(consumer, "mvn", "-o", "-B", "-q", "-Dmaven.repo.local=" + LOCAL_REPOSITORY,
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list",
                "-DoutputFile=" + list, "-DoutputAbsoluteArtifactFilename=true", "-DexcludeTransitive=false");
        List<String> artifacts = new ArrayList<>();
        for (String line : Files.readAllLines(list)) {
            String trimmed = line.strip();
            if (trimmed.contains(":") && !trimmed.startsWith("The following files have been resolved")) {
                artifacts.add(trimmed);
            }
        }
        return artifacts;
    }

    private static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        Path log = WORK.resolve(Path.of(command[0]).getFileName() + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + Files.readString(log));
    }
}
