package io.gstatsd.cli;

import io.gstatsd.configuration.control.ConfigReader;
import io.gstatsd.configuration.control.EtsyConfigFile;
import io.gstatsd.configuration.control.InvalidConfigException;
import io.gstatsd.configuration.entity.EtsyConfig;
import io.gstatsd.configuration.entity.ClusterConfig;
import io.gstatsd.configuration.entity.HostPort;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.configuration.entity.SinkType;
import io.gstatsd.ingest.control.UdpSocketOpener;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Java half of {@code payara/gstatsd}: parses the options, validates them as the server will (same
 * {@link ConfigReader}), checks that the addresses can be bound, and writes the Payara Micro command line
 * for the script to run. Exit status 0 (run, or help/version printed), 2 (one line on stderr naming the
 * bad option or value).
 * <p>
 * Usage: {@code Launcher HOME ARGS_FILE option...}; ARGS_FILE gets "run" or "daemon", the class-data
 * archive this run records and where to rename it after exit (two empty lines if none, see
 * {@link SharedClassArchive}), the UDP socket for the script to bind before Payara boots (an empty line
 * if none, see {@link #earlyBind}), then one java argument a line; it stays empty after help or version.
 */
public final class Launcher {

    static final int USAGE = 2;

    private final Path home;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    Launcher(Path home, PrintStream out, PrintStream err, Map<String, String> environment) {
        this.home = home;
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: Launcher HOME ARGS_FILE option...");
            System.exit(USAGE);
        }
        Launcher launcher = new Launcher(Path.of(args[0]), System.out, System.err, System.getenv());
        String[] options = java.util.Arrays.copyOfRange(args, 2, args.length);
        List<String> command = new ArrayList<>();
        int status = launcher.run(options, command);
        Files.write(Path.of(args[1]), command, StandardCharsets.UTF_8);
        System.exit(status);
    }

    /** Fills {@code command} with the mode and the java arguments; returns the exit status. */
    int run(String[] options, List<String> command) throws IOException {
        CommandLine line;
        ServerConfig config;
        try {
            line = CommandLine.parse(options);
            if (line.help()) {
                out.print(help());
                return 0;
            }
            if (line.version()) {
                out.println("gstatsd " + version());
                return 0;
            }
            config = read(line);
        } catch (CommandLine.UsageException | InvalidConfigException e) {
            err.println("gstatsd: " + e.getMessage() + " (see payara/gstatsd -h)");
            return USAGE;
        }
        String problem = unbindable(config);
        if (problem == null) {
            problem = unwritable(config.stateDir());
        }
        if (problem != null) {
            err.println("gstatsd: " + problem);
            return USAGE;
        }
        command.add(line.daemonize() ? "daemon" : "run");
        boolean sharing = !"off".equalsIgnoreCase(environment.getOrDefault("GSTATSD_CDS", ""));
        SharedClassArchive.Plan classes = sharing
                ? new SharedClassArchive(home, System.getProperty("java.vm.version"))
                        .plan(!line.daemonize(), ProcessHandle.current().pid())
                : new SharedClassArchive.Plan(List.of(), null, null);
        command.add(classes.records() ? classes.recording().toString() : "");
        command.add(classes.records() ? classes.archive().toString() : "");
        command.add("off".equalsIgnoreCase(environment.getOrDefault("GSTATSD_EARLY_BIND", "")) ? "" : earlyBind(config));
        command.addAll(classes.javaOptions());
        command.addAll(javaArguments(line, config));
        return 0;
    }

    /**
     * What {@code payara/prebind-udp} binds and hands to the server as its standard input: "ADDRESS PORT
     * RECEIVE_BUFFER_BYTES REUSE_PORT(0|1)" for the first UDP address, so datagrams sent while Payara boots
     * (10-15 s) wait in the kernel's buffer instead of being refused. Empty (the server binds as before)
     * without a UDP address, or for a scoped IPv6 address, which the script's bind cannot name.
     */
    static String earlyBind(ServerConfig config) throws IOException {
        if (config.binds().isEmpty()) {
            return "";
        }
        InetSocketAddress address = UdpSocketOpener.resolve(config.binds().get(0));
        String host = address.getAddress().getHostAddress();
        if (host.contains("%")) {
            return "";
        }
        return host + " " + address.getPort() + " " + config.receiveBufferBytes() + " "
                + (config.receiversPerBind() > 1 ? 1 : 0);
    }

    /**
     * What payara/gstatsd sets unless told otherwise: a state directory beside the pid and log files, so a
     * restart from the same checkout (or run directory) takes over the partial interval.
     */
    private Map<String, String> defaults() {
        String runDir = environment.get("GSTATSD_RUN_DIR");
        Path base = runDir == null || runDir.isEmpty() ? home.resolve("target") : Path.of(runDir);
        return Map.of(ConfigReader.STATE_DIR, base.resolve("state").toAbsolutePath().toString());
    }

    private static String unwritable(Path stateDir) {
        if (stateDir == null) {
            return null;
        }
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            return ConfigReader.STATE_DIR + " " + stateDir + " cannot be created (" + e.getClass().getSimpleName() + ")";
        }
        return Files.isWritable(stateDir) ? null : ConfigReader.STATE_DIR + " " + stateDir + " is not writable";
    }

    /**
     * Where the server will find each setting, in MicroProfile Config's order: options and {@code -D}
     * properties, the environment, then an Etsy configuration file ({@code -c}), whose errors are reported here
     * with their line and column before Payara starts; then what payara/gstatsd sets unless told otherwise.
     */
    private ServerConfig read(CommandLine line) {
        Map<String, String> defaults = defaults();
        Function<String, String> given = key -> line.properties().getOrDefault(key, environment.get(environmentName(key)));
        String etsyFile = given.apply(ConfigReader.ETSY_CONFIG);
        Path file = etsyFile == null || etsyFile.isBlank() ? null : Path.of(etsyFile.trim());
        EtsyConfig etsy = file == null ? new EtsyConfig(Map.of(), Map.of(), List.of()) : EtsyConfigFile.read(file);
        try {
            return ConfigReader.read(key -> {
                String value = given.apply(key);
                value = value != null ? value : etsy.properties().get(key);
                return value != null ? value : defaults.get(key);
            });
        } catch (InvalidConfigException e) {
            throw given.apply(e.key()) == null ? EtsyConfigFile.attributed(e, etsy, file) : e;
        }
    }

    /** MicroProfile Config's environment name of a property: non-alphanumerics as '_', upper case. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static String unbindable(ServerConfig config) {
        for (HostPort bind : config.binds()) {
            try (DatagramChannel ignored = UdpSocketOpener.open(bind, 4096, false)) {
                // bound and released: the server can take it
            } catch (IOException e) {
                return e.getMessage();
            }
        }
        for (HostPort tcp : config.tcpBinds()) {
            String problem = unlistenable(tcp, "statsd lines");
            if (problem != null) {
                return problem;
            }
        }
        HostPort admin = config.adminBind();   // the default address is only tried by the server
        if (admin != null && config.adminBindRequired()) {
            String problem = unlistenable(admin, "the admin interface");
            if (problem != null) {
                return problem;
            }
        }
        HostPort prometheus = config.prometheusBind();
        if (prometheus != null) {
            String problem = unlistenable(prometheus, "the Prometheus sink");
            if (problem != null) {
                return problem;
            }
            if (prometheus.equals(config.httpBind())) {
                return "cannot listen on " + prometheus + " for the Prometheus sink: it is the HTTP address of health"
                        + " and telemetry (" + ConfigReader.HTTP_BIND + "); give each its own";
            }
        }
        HostPort http = config.httpBind();   // null: loopback, any free port
        if (http != null) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(httpHost(http)), http.port()));
            } catch (IOException e) {
                String use = config.loadBind() != null ? " for the load sink" : " for health and telemetry";
                return "cannot listen on HTTP " + http + use + ": " + e.getMessage();
            }
        }
        return null;
    }

    private static String unlistenable(HostPort bind, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(bind.hasHost() ? new InetSocketAddress(InetAddress.getByName(bind.host()), bind.port())
                    : new InetSocketAddress(bind.port()));
            return null;
        } catch (IOException e) {
            return "cannot listen on TCP " + bind + " for " + what + ": " + e.getMessage();
        }
    }

    private static String httpHost(HostPort http) throws IOException {
        return http.hasHost() ? InetAddress.getByName(http.host()).getHostAddress() : "0.0.0.0";
    }

    private List<String> javaArguments(CommandLine line, ServerConfig config) throws IOException {
        List<String> java = new ArrayList<>();
        for (Map.Entry<String, String> property : line.properties().entrySet()) {
            java.add("-D" + property.getKey() + "=" + property.getValue());
        }
        if (!line.properties().containsKey(ConfigReader.STATE_DIR) && config.stateDir() != null) {
            java.add("-D" + ConfigReader.STATE_DIR + "=" + config.stateDir().toAbsolutePath());
        }
        Path runtime = home.resolve("target/payara-runtime" + instanceSuffix(config, "/"));
        Files.createDirectories(runtime);
        Path preboot = runtime.resolve("preboot.asadmin");
        HostPort http = config.httpBind();
        Files.writeString(preboot, prebootCommands(http == null ? "127.0.0.1" : httpHost(http)), StandardCharsets.UTF_8);
        Path logging = runtime.resolve("logging.properties");
        Path payaraLog = payaraLog(config);
        Files.writeString(logging, loggingProperties(config.verbosity(), payaraLog), StandardCharsets.UTF_8);
        out.println("gstatsd: starting Payara Micro (its log: " + payaraLog + (config.verbosity() >= 1 ? ")" : "; -v shows it here)"));
        if (config.cluster().enabled()) {
            // Hazelcast's own failure detector, told to decide sooner than its default of 60 s: until it does,
            // the others ship a killed member the parts of its keys, and those are lost (README, "Running a cluster")
            java.add("-Dhazelcast.heartbeat.interval.seconds=1");
            java.add("-Dhazelcast.max.no.heartbeat.seconds=" + config.cluster().failureSeconds());
        }
        java.add("-jar");
        java.add(home.resolve("target/payara-micro.jar").toString());
        java.add("--deploy");
        java.add(home.resolve("target/gstatsd.war").toString());
        java.add("--contextroot");
        java.add("/");
        java.addAll(dataGridOptions(config.cluster()));
        java.add("--disablephonehome");
        java.add("--prebootcommandfile");
        java.add(preboot.toString());
        java.add("--logproperties");
        java.add(logging.toString());
        java.add("--port");
        if (http == null) {
            java.add("8080");
            java.add("--autoBindHttp");
        } else {
            java.add(Integer.toString(http.port()));
        }
        return java;
    }

    /**
     * Without a cluster, no Data Grid at all (2-3 s faster to start, nothing listening for members). With one,
     * Payara's own discovery: a TCP/IP member list when given, else its default; loopback members share a host,
     * so backups may not insist on another one ({@code --nohostaware}).
     */
    static List<String> dataGridOptions(ClusterConfig cluster) {
        if (!cluster.enabled()) {
            return List.of("--nohazelcast");
        }
        List<String> options = new ArrayList<>(List.of("--clustername", cluster.name(), "--name", cluster.memberName(),
                "--startport", Integer.toString(cluster.port())));
        if (!cluster.discovery().isEmpty()) {
            options.add("--clustermode");
            options.add(cluster.discovery());
        } else if (!cluster.members().isEmpty()) {
            options.add("--clustermode");
            options.add("tcpip:" + cluster.members().stream()
                    .map(member -> (member.hasHost() ? member.host() : "127.0.0.1") + ":" + member.port())
                    .collect(Collectors.joining(",")));
        }
        if (!cluster.interfaces().isEmpty()) {
            options.add("--interfaces");
            options.add(cluster.interfaces());
        }
        if (cluster.members().stream().allMatch(member -> !member.hasHost() || member.host().startsWith("127.")
                || member.host().equals("localhost")) && !cluster.members().isEmpty()) {
            options.add("--nohostaware");
        }
        return options;
    }

    /**
     * HTTP on the given address only; and EJB timers allowed below Payara's default minimum of one second,
     * so a fractional flush interval is honoured.
     */
    static String prebootCommands(String httpAddress) {
        return "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address="
                + httpAddress + "\n"
                + "set configs.config.server-config.ejb-container.ejb-timer-service.minimum-delivery-interval-in-millis=10\n";
    }

    /**
     * Where Payara's own log goes: beside the WAR, so each checkout has its own; each cluster member its own
     * too, as several may run from one checkout.
     */
    Path payaraLog(ServerConfig config) {
        return home.resolve("target/payara" + instanceSuffix(config, "-") + ".log");
    }

    private static String instanceSuffix(ServerConfig config, String separator) {
        return config.cluster().enabled() ? separator + config.cluster().memberName() : "";
    }

    /**
     * Every record goes to the log file; the console shows warnings and errors only, so what a person reads
     * there is gstatsd's ready line and the console sink's flushes (printed on stdout), not Payara's boot
     * log. {@code -v} puts everything on the console as well.
     */
    static String loggingProperties(int verbosity, Path logFile) throws IOException {
        Properties base = new Properties();
        try (InputStream defaults = Launcher.class.getResourceAsStream("payara-logging.properties")) {
            if (defaults != null) {
                base.load(defaults);
            }
        }
        StringBuilder text = new StringBuilder();
        for (String key : base.stringPropertyNames().stream().sorted().toList()) {
            text.append(key).append('=').append(base.getProperty(key)).append('\n');
        }
        text.append("java.util.logging.ConsoleHandler.level=").append(verbosity >= 1 ? "FINE" : "WARNING").append('\n');
        // JUL's pattern syntax: '%' starts an escape, so a literal one is doubled
        text.append("java.util.logging.FileHandler.pattern=").append(escaped(logFile.toString().replace("%", "%%"))).append('\n');
        text.append("io.gstatsd.level=").append(verbosity >= 1 ? "FINE" : "INFO").append('\n');
        return text.toString();
    }

    /** A properties value: backslashes (Windows paths) doubled. */
    private static String escaped(String value) {
        return value.replace("\\", "\\\\");
    }

    private static String version() {
        try (InputStream in = Launcher.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String help() {
        return """
                usage: payara/gstatsd [options]

                A statsd server (Etsy statsd compatible) on Payara Micro.

                  -b, --bind [host]:port     UDP address to receive on (repeatable; default :8125, every interface)
                  -s, --sink [host]:port     Graphite carbon server (repeatable; default: print flushes to the console);
                                             with -t load (or -t prometheus) alone, the HTTP address of
                                             the load answers (or of the Prometheus scrape endpoint)
                  -t, --type graphite|load|prometheus
                                             sink type (default graphite); repeatable or comma-separated
                                             for several at once: -t graphite,prometheus
                  -Dgstatsd.prometheus.bind=[host]:port
                                             the Prometheus sink's /metrics (default 127.0.0.1:9102; setting
                                             it turns the sink on beside the others)
                  -f, --flush seconds        flush interval, fractions allowed (default 10)
                  -p, --percent P[,P...]     timer percent thresholds (repeatable; default 90)
                  -x, --prefix prefix        prepended with a dot to every received key
                  -l, --load [host]:port     also answer 1/5/15-minute load queries over HTTP there
                  -c, --config file          read an Etsy statsd configuration file (config.js); options and
                                             -D properties given here override its settings
                      --cluster name         join the gstatsd cluster of that name on Payara's Data Grid: each key
                                             is flushed by one member with every member's lines (see README)
                      --members h:p[,h:p...] where the cluster's members are (Data Grid ports, 5900 and up), or
                                             one of Payara's discovery modes: dns:name:port,
                                             kubernetes[:namespace,service], multicast[:group:port];
                                             default: Payara's multicast discovery
                  -Dgstatsd.http.bind=[host]:port
                                             HTTP address of /health and the telemetry /metrics (default 127.0.0.1, port 8080
                                             or the next free one; the load address when -l or -t load is given)
                  -v                         Payara's log on the console too (it always goes to target/payara.log)
                                             and gstatsd's debug lines; -vv also logs every received datagram
                  -D, --daemonize            run in the background; prints where the pid and log files are
                  -Dgstatsd.key=value        any gstatsd.* property (see README); the partial interval at a stop
                                             waits in -Dgstatsd.state-dir (default $GSTATSD_RUN_DIR/state, or
                                             target/state) for the next start
                      --version              print the version
                  -h, --help                 this help

                examples:
                  payara/gstatsd -s 2003 -f 5
                  payara/gstatsd -b foo:8126 -s bar:2003 -f 20
                  payara/gstatsd -b :8125 -s stats1:2003 -s stats2:2004
                  payara/gstatsd -b :8125 -s localhost:8082 -t load
                  payara/gstatsd -s carbon:2003 -t graphite,prometheus
                  payara/gstatsd -c /etc/statsd/config.js
                  payara/gstatsd -s stats1:2003 --cluster stats --members 10.0.0.1:5900,10.0.0.2:5900
                """;
    }
}
