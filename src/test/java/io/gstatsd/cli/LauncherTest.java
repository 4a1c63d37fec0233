package io.gstatsd.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.gstatsd.it.Ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks payara/gstatsd makes before it starts Payara: exit 2 and one line naming what is wrong. */
class LauncherTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> command = new ArrayList<>();

    private int run(Map<String, String> environment, String... options) throws IOException {
        Launcher launcher = new Launcher(home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return launcher.run(options, command);
    }

    private int run(String... options) throws IOException {
        return run(Map.of("GSTATSD_CDS", "off"), options);
    }

    private String errorLine() {
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        return text.strip();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }
    }

    @Test
    void goodOptionsGiveTheCommandLineOfPayaraMicro() throws IOException {
        int port = freeUdpPort();
        assertEquals(0, run("-b", "127.0.0.1:" + port, "-s", "stats1:2003", "-s", "stats2:2004", "-f", "2.5"));
        assertEquals("run", command.get(0));
        assertTrue(command.contains("-Dgstatsd.bind=127.0.0.1:" + port), command.toString());
        assertTrue(command.contains("-Dgstatsd.sinks=stats1:2003,stats2:2004"), command.toString());
        assertTrue(command.contains("-Dgstatsd.flush-interval=2.5"), command.toString());
        assertTrue(command.contains("--nohazelcast") && command.contains("--disablephonehome"), command.toString());
        assertTrue(Files.readString(home.resolve("target/payara-runtime/preboot.asadmin"))
                .contains("http-listener.address=127.0.0.1"));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstUdpAddressIsBoundBeforePayaraBootsUnlessSwitchedOff() throws IOException {
        int port = freeUdpPort();
        int second = freeUdpPort();
        assertEquals(0, run("-b", "127.0.0.1:" + port, "-b", "127.0.0.1:" + second));
        assertEquals("127.0.0.1 " + port + " 8388608 0", command.get(3));
        assertEquals("-Dgstatsd.bind=127.0.0.1:" + port + ",127.0.0.1:" + second, command.stream()
                .filter(a -> a.startsWith("-Dgstatsd.bind=")).findFirst().orElseThrow());

        command.clear();
        assertEquals(0, run("-b", ":" + port, "-Dgstatsd.receivers=2", "-Dgstatsd.receive-buffer-bytes=65536"));
        assertEquals("0:0:0:0:0:0:0:0 " + port + " 65536 1", command.get(3), "every interface, both families; SO_REUSEPORT");

        command.clear();
        assertEquals(0, run(Map.of("GSTATSD_CDS", "off", "GSTATSD_EARLY_BIND", "off"), "-b", "127.0.0.1:" + port));
        assertEquals("", command.get(3));
        assertTrue(command.get(4).startsWith("-D"), command.toString());
    }

    @Test
    void payarasLogGoesToItsFileAndTheConsoleShowsOnlyWarningsWithoutV() throws IOException {
        String quiet = Launcher.loggingProperties(0, Path.of("/srv/g/target/payara.log"));
        assertTrue(quiet.contains("handlers=java.util.logging.ConsoleHandler,java.util.logging.FileHandler\n"), quiet);
        assertTrue(quiet.contains("java.util.logging.ConsoleHandler.level=WARNING\n"), quiet);
        assertTrue(quiet.contains("java.util.logging.FileHandler.pattern=/srv/g/target/payara.log\n"), quiet);
        assertTrue(quiet.contains(".level=INFO\n"), quiet);
        String verbose = Launcher.loggingProperties(1, Path.of("/srv/g/target/payara.log"));
        assertTrue(verbose.contains("java.util.logging.ConsoleHandler.level=FINE\n"), verbose);
    }

    @Test
    void thePreBootCommandsPutHttpOnTheGivenAddress() throws IOException {
        int port = freeUdpPort();
        assertEquals(0, run("-b", "127.0.0.1:" + port, "-Dgstatsd.http.bind=127.0.0.1:" + Ports.freeTcpPort()));
        assertTrue(Files.readString(home.resolve("target/payara-runtime/preboot.asadmin"))
                .contains("http-listener.address=127.0.0.1\n"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("gstatsd: starting Payara Micro (its log: "));
    }

    @Test
    void aBusyHttpAddressStopsStartUpNamingIt() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertEquals(Launcher.USAGE, run("-b", "127.0.0.1:" + freeUdpPort(),
                    "-Dgstatsd.http.bind=127.0.0.1:" + taken.getLocalPort()));
            assertTrue(errorLine().contains("cannot listen on HTTP 127.0.0.1:" + taken.getLocalPort()
                    + " for health and telemetry"), errorLine());
        }
    }

    @Test
    void aBusyPrometheusAddressStopsStartUpNamingIt() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertEquals(Launcher.USAGE, run("-b", "127.0.0.1:" + freeUdpPort(), "-t", "graphite,prometheus",
                    "-Dgstatsd.prometheus.bind=127.0.0.1:" + taken.getLocalPort()));
            assertTrue(errorLine().startsWith("gstatsd: cannot listen on TCP 127.0.0.1:" + taken.getLocalPort()
                    + " for the Prometheus sink: "), errorLine());
        }
    }

    @Test
    void thePrometheusSinkCannotShareTheTelemetrysAddress() throws IOException {
        int port = Ports.freeTcpPort();
        assertEquals(Launcher.USAGE, run("-b", "127.0.0.1:" + freeUdpPort(), "-Dgstatsd.prometheus.bind=127.0.0.1:" + port,
                "-Dgstatsd.http.bind=127.0.0.1:" + port));
        assertEquals("gstatsd: cannot listen on 127.0.0.1:" + port + " for the Prometheus sink: it is the HTTP address"
                + " of health and telemetry (gstatsd.http.bind); give each its own", errorLine());
    }

    @Test
    void theStateDirectoryIsUnderTargetUnlessTheRunDirectoryOrAPropertySaysOtherwise() throws IOException {
        int port = freeUdpPort();
        assertEquals(0, run("-b", "127.0.0.1:" + port));
        assertTrue(command.contains("-Dgstatsd.state-dir=" + home.resolve("target/state").toAbsolutePath()), command.toString());
        assertTrue(Files.isDirectory(home.resolve("target/state")));
        command.clear();
        Path runDir = home.resolve("run");
        assertEquals(0, run(Map.of("GSTATSD_CDS", "off", "GSTATSD_RUN_DIR", runDir.toString()), "-b", "127.0.0.1:" + port));
        assertTrue(command.contains("-Dgstatsd.state-dir=" + runDir.resolve("state").toAbsolutePath()), command.toString());
        command.clear();
        assertEquals(0, run("-b", "127.0.0.1:" + port, "-Dgstatsd.state-dir="));
        assertEquals(1, command.stream().filter(arg -> arg.startsWith("-Dgstatsd.state-dir")).count(), command.toString());
        assertTrue(command.contains("-Dgstatsd.state-dir="), "empty: no state directory");
    }

    @Test
    void aStateDirectoryThatCannotBeCreatedStopsStartUpNamingIt() throws IOException {
        Path file = Files.writeString(home.resolve("a-file"), "x");
        assertEquals(Launcher.USAGE, run("-b", "127.0.0.1:" + freeUdpPort(), "-Dgstatsd.state-dir=" + file.resolve("state")));
        assertEquals("gstatsd: gstatsd.state-dir " + file.resolve("state") + " cannot be created (FileSystemException)",
                errorLine());
    }

    @Test
    void daemonizeIsAMode() throws IOException {
        assertEquals(0, run("-D", "-b", "127.0.0.1:" + freeUdpPort()));
        assertEquals("daemon", command.get(0));
    }

    @Test
    void helpAndVersionPrintAndStartNothing() throws IOException {
        assertEquals(0, run("--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("gstatsd "));
        assertEquals(0, run("-h"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("-b, --bind [host]:port"));
        assertTrue(command.isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--bogus|unknown option --bogus",
            "-f 0|gstatsd.flush-interval",
            "-f -3|gstatsd.flush-interval",
            "-f soon|gstatsd.flush-interval",
            "-p 0|gstatsd.percent",
            "-p 100.5|gstatsd.percent",
            "-b nonsense|gstatsd.bind",
            "-b :99999|gstatsd.bind",
            "-s host:port|gstatsd.sinks",
            "-t carbon|gstatsd.sink-type",
    })
    void badValuesStopStartUpWithOneLineNamingThem(String options, String named) throws IOException {
        assertEquals(Launcher.USAGE, run(options.split(" ")));
        String line = errorLine();
        assertTrue(line.startsWith("gstatsd: ") && line.contains(named), line);
        assertTrue(command.isEmpty());
    }

    @Test
    void aBindPortInUseStopsStartUpNamingTheAddress() throws IOException {
        try (DatagramChannel taken = DatagramChannel.open()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            assertEquals(Launcher.USAGE, run("-b", "127.0.0.1:" + port));
            assertTrue(errorLine().contains("cannot bind UDP 127.0.0.1:" + port), errorLine());
        }
    }

    @Test
    void anUnresolvableBindHostIsNamed() throws IOException {
        assertEquals(Launcher.USAGE, run("-b", "no-such-host.invalid:8126"));
        assertTrue(errorLine().contains("no-such-host.invalid"), errorLine());
    }

    @Test
    void environmentVariablesAreReadAndCheckedToo() throws IOException {
        assertEquals(Launcher.USAGE, run(Map.of("GSTATSD_CDS", "off", "GSTATSD_FLUSH_INTERVAL", "0"),
                "-b", "127.0.0.1:" + freeUdpPort()));
        assertTrue(errorLine().contains("gstatsd.flush-interval"), errorLine());
    }

    @Test
    void theFirstForegroundRunRecordsAClassArchiveAndLaterRunsMapIt() throws IOException {
        int port = freeUdpPort();
        assertEquals(0, run(Map.of(), "-b", "127.0.0.1:" + port));
        String recording = command.get(1);
        String archive = command.get(2);
        assertTrue(recording.startsWith(archive + ".") && recording.endsWith(".tmp"), recording);
        assertTrue(command.contains("-XX:ArchiveClassesAtExit=" + recording), command.toString());

        Files.write(Path.of(archive), new byte[]{1});   // as payara/gstatsd renames the recording after exit
        command.clear();
        assertEquals(0, run(Map.of(), "-b", "127.0.0.1:" + port));
        assertEquals("", command.get(1));
        assertTrue(command.contains("-XX:SharedArchiveFile=" + archive), command.toString());

        command.clear();
        Files.delete(Path.of(archive));
        assertEquals(0, run(Map.of(), "-D", "-b", "127.0.0.1:" + port));
        assertEquals("", command.get(1), "a daemon's exit is not waited for, so it records nothing");
        assertTrue(command.stream().noneMatch(a -> a.startsWith("-XX:")), command.toString());
    }

    private Path etsyConfig(String text) throws IOException {
        Path file = home.resolve("config.js");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void anEtsyConfigFileIsReadAndPassedOnToTheServer() throws IOException {
        int port = freeUdpPort();
        Path file = etsyConfig("{ port: " + port + ", address: '127.0.0.1', graphiteHost: 'carbon', flushInterval: 2000,"
                + " title: 'statsd', keyFlush: {interval: 10} }");
        assertEquals(0, run("-c", file.toString()));
        assertTrue(command.contains("-Dgstatsd.etsy-config=" + file.toAbsolutePath()), command.toString());
        assertEquals("", err.toString(StandardCharsets.UTF_8), "unsupported keys are the server's one warning");
    }

    @Test
    void anEtsyConfigFileThatDoesNotParseStopsStartUpWithItsLineAndColumn() throws IOException {
        Path file = etsyConfig("{\n  port: 8125\n  flushInterval: 1000\n}\n");
        assertEquals(Launcher.USAGE, run("-c", file.toString()));
        assertTrue(errorLine().startsWith("gstatsd: " + file + ": line 3, column 3: Unexpected character ('f'"),
                errorLine());
    }

    @Test
    void aMissingEtsyConfigFileIsNamed() throws IOException {
        assertEquals(Launcher.USAGE, run("--config", home.resolve("nope.js").toString()));
        assertTrue(errorLine().contains("cannot read the Etsy configuration file " + home.resolve("nope.js") + ": no such file"),
                errorLine());
    }

    @Test
    void aBadValueInTheFileIsReportedUnderItsEtsyKeyAndOptionsOverrideTheFile() throws IOException {
        int port = freeUdpPort();
        Path file = etsyConfig("{ port: " + port + ", address: '127.0.0.1', flushInterval: -5 }");
        assertEquals(Launcher.USAGE, run("-c", file.toString()));
        assertTrue(errorLine().startsWith("gstatsd: " + file + ": flushInterval: gstatsd.flush-interval must be > 0"),
                errorLine());
        err.reset();
        assertEquals(0, run("-c", file.toString(), "-f", "5"));
    }

    @Test
    void withoutAClusterPayaraRunsWithoutItsDataGridWithOneItJoinsTheNamedMembers() {
        assertEquals(List.of("--nohazelcast"), Launcher.dataGridOptions(io.gstatsd.configuration.entity.ClusterConfig.OFF));
        var loopback = new io.gstatsd.configuration.entity.ClusterConfig("stats",
                List.of(io.gstatsd.configuration.entity.HostPort.parse("127.0.0.1:5900"),
                        io.gstatsd.configuration.entity.HostPort.parse("127.0.0.1:5901")), 5900, "127.0.0.1", "m1", 500, 5);
        assertEquals(List.of("--clustername", "stats", "--name", "m1", "--startport", "5900", "--clustermode",
                "tcpip:127.0.0.1:5900,127.0.0.1:5901", "--interfaces", "127.0.0.1", "--nohostaware"),
                Launcher.dataGridOptions(loopback));
        var hosts = new io.gstatsd.configuration.entity.ClusterConfig("stats",
                List.of(io.gstatsd.configuration.entity.HostPort.parse("a:5900"), io.gstatsd.configuration.entity.HostPort.parse("b:5900")),
                5900, "", "m1", 500, 5);
        assertEquals(List.of("--clustername", "stats", "--name", "m1", "--startport", "5900", "--clustermode",
                "tcpip:a:5900,b:5900"), Launcher.dataGridOptions(hosts), "backups on another host, as Payara's default");
        var multicast = new io.gstatsd.configuration.entity.ClusterConfig("stats", List.of(), 5900, "", "m1", 500, 5);
        assertEquals(List.of("--clustername", "stats", "--name", "m1", "--startport", "5900"), Launcher.dataGridOptions(multicast));
        var kubernetes = new io.gstatsd.configuration.entity.ClusterConfig("stats", List.of(), 5900, "", "m1", 500, 5,
                "kubernetes:stats,gstatsd");
        assertEquals(List.of("--clustername", "stats", "--name", "m1", "--startport", "5900", "--clustermode",
                "kubernetes:stats,gstatsd"), Launcher.dataGridOptions(kubernetes));
    }
}
