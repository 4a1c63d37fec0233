package io.gstatsd.configuration.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.gstatsd.configuration.entity.ClusterConfig;
import io.gstatsd.configuration.entity.GraphiteNaming;
import io.gstatsd.configuration.entity.HistogramBins;
import io.gstatsd.configuration.entity.HostPort;
import io.gstatsd.configuration.entity.IdleDeletion;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.configuration.entity.SinkType;
import io.gstatsd.configuration.entity.TagMode;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates every {@code gstatsd.*} setting from one lookup (MicroProfile Config in the server,
 * the parsed command line in the launcher), so both fail on the same values with the same message.
 */
public final class ConfigReader {

    public static final String BIND = "gstatsd.bind";
    public static final String SINKS = "gstatsd.sinks";
    public static final String SINK_TYPE = "gstatsd.sink-type";
    public static final String LOAD_BIND = "gstatsd.load.bind";
    public static final String HTTP_BIND = "gstatsd.http.bind";
    public static final String PROMETHEUS_BIND = "gstatsd.prometheus.bind";
    public static final String PROMETHEUS_TTL = "gstatsd.prometheus.ttl";
    public static final String FLUSH_INTERVAL = "gstatsd.flush-interval";
    public static final String FLUSH_ALIGNED = "gstatsd.flush-aligned";
    public static final String STATE_DIR = "gstatsd.state-dir";
    public static final String PERCENT = "gstatsd.percent";
    public static final String PREFIX = "gstatsd.prefix";
    public static final String LEGACY_NAMESPACE = "gstatsd.graphite.legacy-namespace";
    public static final String DELETE_IDLE = "gstatsd.delete-idle";
    public static final String VERBOSITY = "gstatsd.verbosity";
    public static final String RECEIVE_BUFFER_BYTES = "gstatsd.receive-buffer-bytes";
    public static final String RECEIVERS = "gstatsd.receivers";
    public static final String SINK_TIMEOUT_MILLIS = "gstatsd.graphite.timeout-millis";
    public static final String MAX_KEYS = "gstatsd.max-keys";
    public static final String SINK_QUEUE_SECONDS = "gstatsd.graphite.queue-seconds";
    public static final String SINK_QUEUE_BYTES = "gstatsd.graphite.queue-bytes";
    public static final String REDELIVER_FLUSHES = "gstatsd.graphite.redeliver-flushes";
    public static final String KEY_TTL = "gstatsd.key-ttl";
    public static final String TAGS = "gstatsd.tags";
    public static final String DELETE_COUNTERS = "gstatsd.delete-counters";
    public static final String DELETE_TIMERS = "gstatsd.delete-timers";
    public static final String DELETE_GAUGES = "gstatsd.delete-gauges";
    public static final String DELETE_SETS = "gstatsd.delete-sets";
    public static final String GAUGES_MAX_TTL = "gstatsd.gauges-max-ttl";
    public static final String PREFIX_STATS = "gstatsd.prefix-stats";
    public static final String KEY_NAME_SANITIZE = "gstatsd.key-name-sanitize";
    public static final String HISTOGRAM = "gstatsd.histogram";
    public static final String CALCULATED_TIMER_METRICS = "gstatsd.calculated-timer-metrics";
    public static final String FLUSH_COUNTS = "gstatsd.flush-counts";
    public static final String GLOBAL_PREFIX = "gstatsd.graphite.global-prefix";
    public static final String PREFIX_COUNTER = "gstatsd.graphite.prefix-counter";
    public static final String PREFIX_TIMER = "gstatsd.graphite.prefix-timer";
    public static final String PREFIX_GAUGE = "gstatsd.graphite.prefix-gauge";
    public static final String PREFIX_SET = "gstatsd.graphite.prefix-set";
    public static final String GLOBAL_SUFFIX = "gstatsd.graphite.global-suffix";
    public static final String CONSOLE = "gstatsd.console";
    public static final String ETSY_CONFIG = "gstatsd.etsy-config";
    public static final String ADMIN_BIND = "gstatsd.admin.bind";
    public static final String ADMIN_HEALTH = "gstatsd.admin.health";
    public static final String TCP_BIND = "gstatsd.tcp.bind";
    public static final String REPEATERS = "gstatsd.repeater.targets";
    public static final String REPEATER_PROTOCOL = "gstatsd.repeater.protocol";
    public static final String CLUSTER_NAME = "gstatsd.cluster.name";
    public static final String CLUSTER_MEMBERS = "gstatsd.cluster.members";
    public static final String CLUSTER_PORT = "gstatsd.cluster.port";
    public static final String CLUSTER_INTERFACES = "gstatsd.cluster.interfaces";
    public static final String CLUSTER_MEMBER_NAME = "gstatsd.cluster.member-name";
    public static final String CLUSTER_GRACE_MILLIS = "gstatsd.cluster.grace-millis";
    public static final String CLUSTER_FAILURE_SECONDS = "gstatsd.cluster.failure-seconds";

    /** An address list that is deliberately empty (MicroProfile Config reads an empty value as "not set"). */
    public static final String OFF = "off";

    /**
     * MicroProfile Config reads an empty value as "not set", so an empty name part, which Etsy allows for its
     * Graphite prefixes, is written as two double quotes.
     */
    public static final String EMPTY = "\"\"";
    /** No percent thresholds at all (Etsy's {@code percentThreshold: []}). */
    public static final String NO_PERCENTS = "none";

    /** Etsy's timer figures as {@code calculatedTimerMetrics} names them, every {@code X_P} as {@code X_percent}. */
    static final Set<String> TIMER_METRICS = Set.of("count", "count_ps", "mean", "upper", "lower", "sum",
            "sum_squares", "std", "median", "histogram", "count_percent", "mean_percent", "upper_percent",
            "lower_percent", "sum_percent", "sum_squares_percent");

    private final Function<String, String> lookup;

    private ConfigReader(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    /**
     * @param lookup returns the raw value of a key, or null when it is not set
     * @throws InvalidConfigException naming the first bad key and its value
     */
    public static ServerConfig read(Function<String, String> lookup) {
        return new ConfigReader(lookup).read();
    }

    private ServerConfig read() {
        Set<SinkType> sinkTypes = sinkTypes();
        List<HostPort> sinks = hostPorts(SINKS, "");
        HostPort loadBind = loadBind(sinkTypes);
        HostPort prometheusBind = prometheusBind(sinkTypes);
        List<HostPort> tcpBinds = hostPorts(TCP_BIND, OFF);
        List<HostPort> udpBinds = hostPorts(BIND, ":8125");
        if (udpBinds.isEmpty() && tcpBinds.isEmpty()) {
            throw invalid(BIND, raw(BIND, ""), "and " + TCP_BIND + " are both off: nothing would receive statsd lines");
        }
        long flushIntervalMillis = flushIntervalMillis();
        ClusterConfig cluster = cluster(udpBinds, tcpBinds, flushIntervalMillis);
        String prefixStats = namePart(PREFIX_STATS, "statsd", false);
        return new ServerConfig(
                udpBinds,
                sinks,
                sinkTypes,
                loadBind,
                httpBind(loadBind),
                prometheusBind,
                prometheusTtlMillis(),
                flushIntervalMillis,
                bool(FLUSH_ALIGNED, true),
                stateDir(),
                percents(),
                prefix(),
                bool(DELETE_IDLE, false),
                intValue(VERBOSITY, 0, 0, 10),
                intValue(RECEIVE_BUFFER_BYTES, 8 << 20, 4096, Integer.MAX_VALUE),
                intValue(RECEIVERS, 1, 1, 64),
                intValue(SINK_TIMEOUT_MILLIS, 5000, 1, 3_600_000),
                intValue(MAX_KEYS, 1_000_000, 1, 100_000_000),
                intValue(SINK_QUEUE_SECONDS, 3600, 0, 7 * 86_400),
                intValue(SINK_QUEUE_BYTES, 64 << 20, 1024, Integer.MAX_VALUE),
                intValue(REDELIVER_FLUSHES, 2, 0, 100),
                keyTtlMillis(),
                tagMode(),
                deletion(),
                // in a cluster each member's own figures (numStats, graphiteStats, ...) keep their own names
                cluster.enabled() ? prefixStats + "." + cluster.memberName() : prefixStats,
                bool(KEY_NAME_SANITIZE, true),
                histograms(),
                calculatedTimerMetrics(),
                graphiteNaming(),
                bool(CONSOLE, sinks.isEmpty() && sinkTypes.contains(SinkType.GRAPHITE)),
                raw(ETSY_CONFIG, ""),
                optionalHostPort(ADMIN_BIND, "127.0.0.1:8126"),
                lookup.apply(ADMIN_BIND) != null,
                health(),
                tcpBinds,
                hostPorts(REPEATERS, OFF),
                repeaterProtocol(),
                cluster);
    }

    /**
     * Cluster mode, off unless {@link #CLUSTER_NAME} is set. It needs intervals on the wall clock, so that every
     * member cuts the same ones. The member's default name is this host's, with the first statsd port: unique
     * among the members on one host, stable across restarts.
     */
    private ClusterConfig cluster(List<HostPort> udpBinds, List<HostPort> tcpBinds, long flushIntervalMillis) {
        String name = raw(CLUSTER_NAME, "");
        if (name.isEmpty() || name.equalsIgnoreCase(OFF)) {
            return ClusterConfig.OFF;
        }
        if (!name.chars().allMatch(ConfigReader::isNameChar)) {
            throw invalid(CLUSTER_NAME, name, "may hold only letters, digits, '_', '-' and '.'");
        }
        if (!bool(FLUSH_ALIGNED, true)) {
            throw invalid(FLUSH_ALIGNED, raw(FLUSH_ALIGNED, ""), "must be true in a cluster (" + CLUSTER_NAME + " is set):"
                    + " every member must cut the same intervals");
        }
        String interfaces = raw(CLUSTER_INTERFACES, "");
        if (!interfaces.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || ".:,*-[]".indexOf(c) >= 0))) {
            throw invalid(CLUSTER_INTERFACES, interfaces, "must be a comma-separated list of addresses (* allowed)");
        }
        int port = udpBinds.isEmpty() ? tcpBinds.get(0).port() : udpBinds.get(0).port();
        String memberName = namePart(CLUSTER_MEMBER_NAME, defaultMemberName(port), false);
        long grace = intValue(CLUSTER_GRACE_MILLIS, (int) Math.min(2000, Math.max(1, flushIntervalMillis / 2)), 1,
                (int) Math.min(Integer.MAX_VALUE, flushIntervalMillis));
        String discovery = discovery();
        List<HostPort> members = discovery.isEmpty() ? hostPorts(CLUSTER_MEMBERS, "") : List.of();
        return new ClusterConfig(name, members, intValue(CLUSTER_PORT, 5900, 1, 65535), interfaces, memberName, grace,
                intValue(CLUSTER_FAILURE_SECONDS, 5, 2, 3600), discovery);
    }

    /**
     * Payara's other discovery modes, given in place of the member list: {@code dns:}, {@code kubernetes},
     * {@code multicast}, {@code domain:} and what follows, passed to {@code --clustermode} as they are.
     */
    private String discovery() {
        String value = raw(CLUSTER_MEMBERS, "");
        String mode = value.contains(":") ? value.substring(0, value.indexOf(':')) : value;
        if (!List.of("dns", "kubernetes", "multicast", "domain").contains(mode.toLowerCase(Locale.ROOT))) {
            return "";
        }
        if (!value.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw invalid(CLUSTER_MEMBERS, value, "must be host:port,... or one of Payara's discovery modes"
                    + " (dns:name:port, kubernetes[:namespace,service], multicast[:group:port], domain:host:port)");
        }
        return value;
    }

    private static String defaultMemberName(int port) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        int dot = host.indexOf('.');
        host = (dot > 0 ? host.substring(0, dot) : host).replaceAll("[^A-Za-z0-9_-]", "_");
        return (host.isEmpty() ? "localhost" : host) + "_" + port;
    }

    /** Etsy's {@code repeaterProtocol}: udp4 or udp6 ({@code tcp} is not supported). */
    private boolean repeaterProtocol() {
        String value = raw(REPEATER_PROTOCOL, "udp4").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "udp4" -> false;
            case "udp6" -> true;
            default -> throw invalid(REPEATER_PROTOCOL, value, "must be udp4 or udp6");
        };
    }

    /** One {@code [host]:port}, or null for {@link #OFF}. */
    private HostPort optionalHostPort(String key, String defaultValue) {
        String value = raw(key, defaultValue);
        if (value.equalsIgnoreCase(OFF)) {
            return null;
        }
        try {
            return HostPort.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key, key + ": " + e.getMessage() + " (\"" + OFF + "\" for none)");
        }
    }

    private boolean health() {
        String value = raw(ADMIN_HEALTH, "up").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "up" -> true;
            case "down" -> false;
            default -> throw invalid(ADMIN_HEALTH, value, "must be up or down");
        };
    }

    private IdleDeletion deletion() {
        boolean all = bool(DELETE_IDLE, false);
        return new IdleDeletion(bool(DELETE_COUNTERS, all), bool(DELETE_TIMERS, all), bool(DELETE_GAUGES, all),
                bool(DELETE_SETS, all), intValue(GAUGES_MAX_TTL, 1, 1, 1_000_000));
    }

    private GraphiteNaming graphiteNaming() {
        return new GraphiteNaming(bool(LEGACY_NAMESPACE, true),
                namePart(GLOBAL_PREFIX, "stats", true),
                namePart(PREFIX_COUNTER, "counters", true),
                namePart(PREFIX_TIMER, "timers", true),
                namePart(PREFIX_GAUGE, "gauges", true),
                namePart(PREFIX_SET, "sets", true),
                namePart(GLOBAL_SUFFIX, EMPTY, true),
                bool(FLUSH_COUNTS, true));
    }

    /** A part of a Graphite name: letters, digits, '_', '-' and '.'; {@link #EMPTY} for none where allowed. */
    private String namePart(String key, String defaultValue, boolean mayBeEmpty) {
        String value = raw(key, defaultValue);
        if (value.equals(EMPTY)) {
            if (!mayBeEmpty) {
                throw invalid(key, value, "must not be empty");
            }
            return "";
        }
        if (value.isEmpty() || !value.chars().allMatch(ConfigReader::isNameChar)) {
            throw invalid(key, value, "may hold only letters, digits, '_', '-' and '.'"
                    + (mayBeEmpty ? " (" + EMPTY + " for none)" : ""));
        }
        return value;
    }

    private static boolean isNameChar(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
    }

    /** Etsy's {@code histogram}, written as in an Etsy configuration file: {@code [{metric: 'foo', bins: [10, 'inf']}]}. */
    private List<HistogramBins> histograms() {
        String value = raw(HISTOGRAM, "[]");
        String shape = "must be a list of {metric: 'text', bins: [number, ..., 'inf']}";
        JsonNode list;
        try {
            list = LenientJson.parse(value);
        } catch (LenientJson.SyntaxException e) {
            throw invalid(HISTOGRAM, value, shape + " (" + e.getMessage() + ")");
        }
        if (!list.isArray()) {
            throw invalid(HISTOGRAM, value, shape);
        }
        List<HistogramBins> result = new ArrayList<>();
        for (JsonNode entry : list) {
            JsonNode metric = entry.get("metric");
            JsonNode bins = entry.get("bins");
            if (metric == null || !metric.isTextual() || bins == null || !bins.isArray()) {
                throw invalid(HISTOGRAM, value, shape);
            }
            List<Double> limits = new ArrayList<>();
            for (JsonNode bin : bins) {
                if (bin.isNumber()) {
                    limits.add(bin.doubleValue());
                } else if (bin.isTextual() && bin.textValue().equals("inf")) {
                    limits.add(Double.POSITIVE_INFINITY);
                } else {
                    throw invalid(HISTOGRAM, value, shape + "; a bin is a number or 'inf', got " + bin);
                }
            }
            result.add(new HistogramBins(metric.textValue(), limits));
        }
        return result;
    }

    private List<String> calculatedTimerMetrics() {
        String value = raw(CALCULATED_TIMER_METRICS, "");
        List<String> result = new ArrayList<>();
        for (String part : value.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!TIMER_METRICS.contains(name)) {
                throw invalid(CALCULATED_TIMER_METRICS, value, "names one of " + String.join(", ",
                        TIMER_METRICS.stream().sorted().toList()) + " per item; \"" + name + "\" is none of them");
            }
            if (!result.contains(name)) {
                result.add(name);
            }
        }
        return result;
    }

    private String raw(String key, String defaultValue) {
        String value = lookup.apply(key);
        return value == null ? defaultValue : value.trim();
    }

    private List<HostPort> hostPorts(String key, String defaultValue) {
        String value = raw(key, defaultValue);
        List<HostPort> result = new ArrayList<>();
        if (value.equalsIgnoreCase(OFF)) {
            return result;
        }
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                result.add(HostPort.parse(part));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(key, key + ": " + e.getMessage());
            }
        }
        if (result.isEmpty() && (key.equals(BIND) || key.equals(TCP_BIND) || key.equals(REPEATERS))) {
            throw invalid(key, value, "at least one [host]:port is needed (\"" + OFF + "\" for none)");
        }
        return result;
    }

    /**
     * {@code -t}: one type or several, comma-separated. Without graphite, the {@code -s} addresses are not
     * carbon servers but the address of the one HTTP sink named, so naming both load and prometheus then leaves
     * {@code -s} without a meaning.
     */
    private Set<SinkType> sinkTypes() {
        String value = raw(SINK_TYPE, "graphite");
        Set<SinkType> types = EnumSet.noneOf(SinkType.class);
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                types.add(SinkType.parse(part));
            } catch (IllegalArgumentException e) {
                throw invalid(SINK_TYPE, value, "must be graphite, load or prometheus, or several of them comma-separated");
            }
        }
        if (types.isEmpty()) {
            throw invalid(SINK_TYPE, value, "must be graphite, load or prometheus, or several of them comma-separated");
        }
        if (!types.contains(SinkType.GRAPHITE) && types.size() > 1 && !hostPorts(SINKS, "").isEmpty()) {
            throw invalid(SINK_TYPE, value, "with -s/" + SINKS + " must include graphite (the -s addresses are then"
                    + " carbon servers) or name one HTTP sink alone; give the load and Prometheus addresses with "
                    + LOAD_BIND + " and " + PROMETHEUS_BIND);
        }
        return Collections.unmodifiableSet(types);
    }

    /** The {@code -s} address when it names the one HTTP sink {@code type} ({@code -t load -s :8082}), else null. */
    private HostPort soleSinkAddress(Set<SinkType> types, SinkType type) {
        if (!types.equals(EnumSet.of(type))) {
            return null;
        }
        List<HostPort> sinks = hostPorts(SINKS, "");
        return sinks.isEmpty() ? null : sinks.get(0);
    }

    private TagMode tagMode() {
        String value = raw(TAGS, "graphite");
        try {
            return TagMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(TAGS, value, "must be graphite, drop or name");
        }
    }

    private HostPort loadBind(Set<SinkType> types) {
        String value = raw(LOAD_BIND, "");
        if (!value.isEmpty()) {
            try {
                return HostPort.parse(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(LOAD_BIND, LOAD_BIND + ": " + e.getMessage());
            }
        }
        if (types.contains(SinkType.LOAD)) {
            HostPort sole = soleSinkAddress(types, SinkType.LOAD);
            return sole != null ? sole : new HostPort("", 8082);
        }
        return null;
    }

    /**
     * The Prometheus sink's own listener: {@code gstatsd.prometheus.bind} turns it on beside the other sinks, as
     * {@code -t prometheus} does (then at the {@code -s} address, or 127.0.0.1:9102, statsd_exporter's port); null
     * when it is off.
     */
    private HostPort prometheusBind(Set<SinkType> types) {
        String value = raw(PROMETHEUS_BIND, "");
        if (!value.isEmpty()) {
            if (value.equalsIgnoreCase(OFF)) {
                if (types.contains(SinkType.PROMETHEUS)) {
                    throw invalid(PROMETHEUS_BIND, value, "must be an address when " + SINK_TYPE + " includes prometheus");
                }
                return null;
            }
            try {
                return HostPort.parse(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(PROMETHEUS_BIND, PROMETHEUS_BIND + ": " + e.getMessage());
            }
        }
        if (types.contains(SinkType.PROMETHEUS)) {
            HostPort sole = soleSinkAddress(types, SinkType.PROMETHEUS);
            return sole != null ? sole : new HostPort("127.0.0.1", 9102);
        }
        return null;
    }

    /** Seconds (fractions allowed) a series stays at the Prometheus endpoint after its last line; 0 for ever. */
    private long prometheusTtlMillis() {
        String value = raw(PROMETHEUS_TTL, "300");
        double seconds = number(PROMETHEUS_TTL, value);
        if (!(seconds >= 0) || seconds > 366 * 86_400.0) {
            throw invalid(PROMETHEUS_TTL, value, "must be 0 (keep series for ever) or a number of seconds up to a year");
        }
        return Math.round(seconds * 1000);
    }

    /**
     * The one Payara HTTP listener serves the load answers and the health and telemetry endpoints, so the
     * load sink's address, when there is one, is the HTTP address; null: loopback on a free port.
     */
    private HostPort httpBind(HostPort loadBind) {
        String value = raw(HTTP_BIND, "");
        if (value.isEmpty()) {
            return loadBind;
        }
        HostPort http;
        try {
            http = HostPort.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(HTTP_BIND, HTTP_BIND + ": " + e.getMessage());
        }
        if (loadBind != null && !loadBind.equals(http)) {
            throw invalid(HTTP_BIND, value, "must be the load sink's address " + loadBind
                    + " (one HTTP listener serves both) or be left unset");
        }
        return http;
    }

    private long flushIntervalMillis() {
        String value = raw(FLUSH_INTERVAL, "10");
        double seconds = number(FLUSH_INTERVAL, value);
        long millis = Math.round(seconds * 1000);
        if (!(seconds > 0) || millis < 1) {
            throw invalid(FLUSH_INTERVAL, value, "must be > 0 seconds (at least 0.001)");
        }
        if (seconds > 86_400) {
            throw invalid(FLUSH_INTERVAL, value, "must be at most 86400 seconds");
        }
        return millis;
    }

    /** Seconds, fractions allowed; 0 keeps idle keys for ever, as Etsy statsd does. */
    private long keyTtlMillis() {
        String value = raw(KEY_TTL, "86400");
        double seconds = number(KEY_TTL, value);
        if (!(seconds >= 0) || seconds > 366 * 86_400.0) {
            throw invalid(KEY_TTL, value, "must be 0 (keep keys for ever) or a number of seconds up to a year");
        }
        return Math.round(seconds * 1000);
    }

    /** Null when empty: the WAR alone has no directory of its own to choose; payara/gstatsd gives one. */
    private Path stateDir() {
        String value = raw(STATE_DIR, "");
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw invalid(STATE_DIR, value, "must be a directory path (" + e.getReason() + ")");
        }
    }

    /** Etsy's {@code percentThreshold}: a negative P is the top P percent ({@code upper_top10}...); "none" for none. */
    private List<Double> percents() {
        String value = raw(PERCENT, "90");
        List<Double> result = new ArrayList<>();
        if (value.equalsIgnoreCase(NO_PERCENTS)) {
            return result;
        }
        for (String part : value.split(",")) {
            double pct = number(PERCENT, part.trim());
            if (!(pct >= -100 && pct <= 100 && pct != 0)) {
                throw invalid(PERCENT, value, "each percent must be in (0, 100], or in [-100, 0) for the top"
                        + " percent, or the list \"" + NO_PERCENTS + "\"");
            }
            if (!result.contains(pct)) {
                result.add(pct);
            }
        }
        return result;
    }

    private String prefix() {
        String value = raw(PREFIX, "");
        String stripped = value;
        while (stripped.endsWith(".")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        if (!stripped.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.'))) {
            throw invalid(PREFIX, value, "may hold only letters, digits, '_', '-' and '.'");
        }
        return stripped;
    }

    private boolean bool(String key, boolean defaultValue) {
        String value = raw(key, Boolean.toString(defaultValue)).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw invalid(key, value, "must be true or false");
        };
    }

    private int intValue(String key, int defaultValue, int min, int max) {
        String value = raw(key, Integer.toString(defaultValue));
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(key, value, "must be a whole number");
        }
        if (parsed < min || parsed > max) {
            throw invalid(key, value, "must be between " + min + " and " + max);
        }
        return (int) parsed;
    }

    private static double number(String key, String value) {
        try {
            double parsed = Double.parseDouble(value);
            if (Double.isFinite(parsed) && !value.endsWith("d") && !value.endsWith("f")
                    && !value.endsWith("D") && !value.endsWith("F")) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        throw invalid(key, value, "must be a number");
    }

    private static InvalidConfigException invalid(String key, String value, String why) {
        return new InvalidConfigException(key, key + " " + why + ", got \"" + value + "\"");
    }
}
