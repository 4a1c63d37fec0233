package io.gstatsd.configuration.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.gstatsd.configuration.entity.EtsyConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the keys of an Etsy statsd 0.9 configuration object onto the {@code gstatsd.*} properties that mean
 * the same, reading each value as Etsy's JavaScript does (a flag by its truthiness, {@code port || 8125},
 * {@code percentThreshold || 90}...). Keys gstatsd does not support are collected with the reason; a value
 * gstatsd cannot honour without changing what the deployment does (a TCP repeater, a UNIX socket) is an
 * {@link InvalidConfigException} naming the Etsy key. Stateless apart from one mapping's results.
 */
public final class EtsyConfigMapping {

    static final String GRAPHITE_BACKEND = "./backends/graphite";
    static final String CONSOLE_BACKEND = "./backends/console";
    static final String REPEATER_BACKEND = "./backends/repeater";

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();
    private final List<String> unsupported = new ArrayList<>();

    private EtsyConfigMapping() {
    }

    /** @param root the configuration object, as {@link LenientJson} read it */
    public static EtsyConfig map(JsonNode root) {
        if (!root.isObject()) {
            throw new InvalidConfigException(ConfigReader.ETSY_CONFIG,
                    "an Etsy configuration is an object literal { ... }, got " + root.getNodeType().toString().toLowerCase());
        }
        EtsyConfigMapping mapping = new EtsyConfigMapping();
        mapping.read(root);
        return new EtsyConfig(mapping.properties, mapping.origins, mapping.unsupported);
    }

    private void read(JsonNode root) {
        servers(root);
        backends(root);
        List<String> seen = new ArrayList<>();
        root.fieldNames().forEachRemaining(seen::add);
        for (String key : seen) {
            JsonNode value = root.get(key);
            switch (key) {
                // read above with the servers and backends they configure
                case "servers", "server", "port", "address", "address_ipv6", "backends", "graphiteHost", "graphitePort",
                        "graphiteProtocol", "graphitePicklePort", "repeater", "repeaterProtocol", "console" -> { }
                case "mgmt_port", "mgmt_address" -> { }
                case "healthStatus" -> put(key, ConfigReader.ADMIN_HEALTH, JsValues.text(value));
                case "flushInterval" -> put(key, ConfigReader.FLUSH_INTERVAL, JsValues.numberText(number(key, value, 10_000) / 1000));
                case "percentThreshold" -> put(key, ConfigReader.PERCENT, percents(value));
                case "flush_counts" -> put(key, ConfigReader.FLUSH_COUNTS, flag(value));
                case "deleteIdleStats" -> put(key, ConfigReader.DELETE_IDLE, flag(value));
                case "deleteCounters" -> put(key, ConfigReader.DELETE_COUNTERS, flag(value));
                case "deleteTimers" -> put(key, ConfigReader.DELETE_TIMERS, flag(value));
                case "deleteGauges" -> put(key, ConfigReader.DELETE_GAUGES, flag(value));
                case "deleteSets" -> put(key, ConfigReader.DELETE_SETS, flag(value));
                // Etsy forces anything but an integer above 1 to 1
                case "gaugesMaxTTL" -> put(key, ConfigReader.GAUGES_MAX_TTL,
                        value.isNumber() && value.doubleValue() > 1 && value.doubleValue() % 1 == 0
                                ? JsValues.numberText(value.doubleValue()) : "1");
                case "prefixStats" -> put(key, ConfigReader.PREFIX_STATS, namePart(value));
                case "keyNameSanitize" -> put(key, ConfigReader.KEY_NAME_SANITIZE, flag(value));
                case "calculatedTimerMetrics" -> calculatedTimerMetrics(value);
                case "histogram" -> put(key, ConfigReader.HISTOGRAM, value.toString());
                case "graphite" -> graphite(value);
                case "debug" -> verbosity(value, 1);
                case "dumpMessages" -> verbosity(value, 2);
                case "title" -> unsupported(key, "the process title is Java's");
                case "keyFlush" -> unsupported(key, "no frequent-key log");
                case "log" -> unsupported(key, "gstatsd logs through Payara Micro's logging");
                case "automaticConfigReload" -> {
                    if (JsValues.truthy(value)) {
                        unsupported(key, "the file is read once at start-up; restart to apply a change");
                    }
                }
                default -> unsupported(key, "not an Etsy statsd 0.9 server, graphite, console or repeater option");
            }
        }
        JsonNode mgmtPort = root.get("mgmt_port");
        JsonNode mgmtAddress = root.get("mgmt_address");
        if (mgmtPort != null || mgmtAddress != null) {
            String host = mgmtAddress == null || !JsValues.truthy(mgmtAddress) ? "127.0.0.1" : JsValues.text(mgmtAddress);
            put(mgmtPort != null ? "mgmt_port" : "mgmt_address", ConfigReader.ADMIN_BIND, hostPort(host, (int) number("mgmt_port", mgmtPort, 8126)));
        }
    }

    /** Etsy's {@code servers || [config]}: each a UDP server unless it names {@code ./servers/tcp}. */
    private void servers(JsonNode root) {
        JsonNode servers = root.get("servers");
        List<JsonNode> list = new ArrayList<>();
        if (servers != null && servers.isArray()) {
            servers.forEach(list::add);
        } else {
            list.add(root);
        }
        List<String> udp = new ArrayList<>();
        List<String> tcp = new ArrayList<>();
        for (JsonNode server : list) {
            String module = server.hasNonNull("server") ? JsValues.text(server.get("server")) : "./servers/udp";
            String bind = serverBind(server);
            if (module.endsWith("servers/udp")) {
                udp.add(bind);
            } else if (module.endsWith("servers/tcp")) {
                if (server.hasNonNull("socket")) {
                    throw new InvalidConfigException(ConfigReader.ETSY_CONFIG, "servers: a TCP server on a UNIX socket"
                            + " (socket: " + JsValues.text(server.get("socket")) + ") is not supported; give it a port");
                }
                tcp.add(bind);
            } else {
                unsupported("servers: " + module, "only ./servers/udp and ./servers/tcp");
            }
        }
        String origin = servers != null ? "servers" : "port";
        put(origin, ConfigReader.BIND, udp.isEmpty() ? ConfigReader.OFF : String.join(",", udp));
        put(origin, ConfigReader.TCP_BIND, tcp.isEmpty() ? ConfigReader.OFF : String.join(",", tcp));
    }

    /** {@code address} (default every IPv4 interface, or every interface with {@code address_ipv6}) and {@code port}. */
    private String serverBind(JsonNode server) {
        int port = (int) number("port", server.get("port"), 8125);
        JsonNode address = server.get("address");
        if (address != null && JsValues.truthy(address)) {
            return hostPort(JsValues.text(address), port);
        }
        return JsValues.truthy(server.get("address_ipv6")) ? hostPort("::", port) : hostPort("0.0.0.0", port);
    }

    private void backends(JsonNode root) {
        JsonNode backends = root.get("backends");
        List<String> names = new ArrayList<>();
        if (backends == null) {
            names.add(GRAPHITE_BACKEND);
        } else if (backends.isArray()) {
            backends.forEach(name -> names.add(JsValues.text(name)));
        }
        boolean graphite = false;
        boolean console = false;
        boolean repeater = false;
        for (String name : names) {
            if (name.endsWith("backends/graphite")) {
                graphite = true;
            } else if (name.endsWith("backends/console")) {
                console = true;
            } else if (name.endsWith("backends/repeater")) {
                repeater = true;
            } else {
                unsupported("backends: " + name, "only the graphite, console and repeater backends");
            }
        }
        JsonNode host = root.get("graphiteHost");
        if (graphite && host != null && JsValues.truthy(host)) {
            put("graphiteHost", ConfigReader.SINKS, hostPort(JsValues.text(host), (int) number("graphitePort", root.get("graphitePort"), 2003)));
            if (root.hasNonNull("graphiteProtocol") && JsValues.text(root.get("graphiteProtocol")).equals("pickle")) {
                unsupported("graphiteProtocol: pickle", "gstatsd sends the text protocol, to graphitePort");
            }
        } else {
            put("graphiteHost", ConfigReader.SINKS, ConfigReader.OFF);
        }
        put("backends", ConfigReader.CONSOLE, Boolean.toString(console));
        if (console && root.has("console")) {
            unsupported("console", "the console backend prints each flush as Graphite text, not prettyprinted");
        }
        repeater(root, repeater);
    }

    private void repeater(JsonNode root, boolean on) {
        List<String> targets = new ArrayList<>();
        JsonNode repeaters = root.get("repeater");
        if (on && repeaters != null && repeaters.isArray()) {
            for (JsonNode target : repeaters) {
                if (!target.hasNonNull("host") || !target.hasNonNull("port")) {
                    throw new InvalidConfigException(ConfigReader.ETSY_CONFIG,
                            "repeater: each target needs a host and a port, got " + target);
                }
                targets.add(hostPort(JsValues.text(target.get("host")), (int) number("repeater port", target.get("port"), 0)));
            }
        }
        String protocol = root.hasNonNull("repeaterProtocol") ? JsValues.text(root.get("repeaterProtocol")) : "udp4";
        if (on && protocol.equals("tcp")) {
            throw new InvalidConfigException(ConfigReader.ETSY_CONFIG,
                    "repeaterProtocol: 'tcp' is not supported; gstatsd repeats over UDP (udp4 or udp6)");
        }
        put("repeater", ConfigReader.REPEATERS, targets.isEmpty() ? ConfigReader.OFF : String.join(",", targets));
        put("repeaterProtocol", ConfigReader.REPEATER_PROTOCOL, protocol.equals("udp6") ? "udp6" : "udp4");
    }

    private void graphite(JsonNode graphite) {
        if (!graphite.isObject()) {
            unsupported("graphite", "not an object");
            return;
        }
        List<String> keys = new ArrayList<>();
        graphite.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode value = graphite.get(key);
            switch (key) {
                case "legacyNamespace" -> {
                    if (!value.isBoolean()) {
                        throw new InvalidConfigException(ConfigReader.ETSY_CONFIG,
                                "graphite.legacyNamespace must be true or false, got " + value);
                    }
                    put("graphite.legacyNamespace", ConfigReader.LEGACY_NAMESPACE, value.asText());
                }
                case "globalPrefix" -> put("graphite.globalPrefix", ConfigReader.GLOBAL_PREFIX, namePart(value));
                case "prefixCounter" -> put("graphite.prefixCounter", ConfigReader.PREFIX_COUNTER, namePart(value));
                case "prefixTimer" -> put("graphite.prefixTimer", ConfigReader.PREFIX_TIMER, namePart(value));
                case "prefixGauge" -> put("graphite.prefixGauge", ConfigReader.PREFIX_GAUGE, namePart(value));
                case "prefixSet" -> put("graphite.prefixSet", ConfigReader.PREFIX_SET, namePart(value));
                case "globalSuffix" -> put("graphite.globalSuffix", ConfigReader.GLOBAL_SUFFIX, namePart(value));
                default -> unsupported("graphite." + key, "not an option of Etsy's graphite backend");
            }
        }
    }

    private void calculatedTimerMetrics(JsonNode value) {
        if (!value.isArray()) {
            unsupported("calculatedTimerMetrics", "not a list (Etsy then sends every figure, as gstatsd does)");
            return;
        }
        List<String> names = new ArrayList<>();
        value.forEach(name -> names.add(JsValues.text(name)));
        put("calculatedTimerMetrics", ConfigReader.CALCULATED_TIMER_METRICS, String.join(",", names));
    }

    /** Etsy's {@code percentThreshold || 90}, a single value or a list; an empty list has no thresholds. */
    private String percents(JsonNode value) {
        if (value.isArray()) {
            if (value.isEmpty()) {
                return ConfigReader.NO_PERCENTS;
            }
            List<String> percents = new ArrayList<>();
            value.forEach(pct -> percents.add(JsValues.text(pct)));
            return String.join(",", percents);
        }
        return JsValues.truthy(value) ? JsValues.text(value) : "90";
    }

    private void verbosity(JsonNode value, int level) {
        if (JsValues.truthy(value)) {
            int current = Integer.parseInt(properties.getOrDefault(ConfigReader.VERBOSITY, "0"));
            put(level == 1 ? "debug" : "dumpMessages", ConfigReader.VERBOSITY, Integer.toString(Math.max(current, level)));
        }
    }

    private void put(String etsyKey, String property, String value) {
        properties.put(property, value);
        origins.put(property, etsyKey);
    }

    private void unsupported(String key, String why) {
        unsupported.add(key + " (" + why + ")");
    }

    /** Etsy's {@code value || defaultValue} read as a number, as {@code Number()} reads a numeric string. */
    private static double number(String key, JsonNode value, double defaultValue) {
        if (value == null || value.isNull() || !JsValues.truthy(value)) {
            return defaultValue;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        try {
            return Double.parseDouble(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(ConfigReader.ETSY_CONFIG, key + " must be a number, got " + value);
        }
    }

    /** A Graphite name part; "" for none, written as {@link ConfigReader#EMPTY}. */
    private static String namePart(JsonNode value) {
        String text = JsValues.text(value);
        return text.isEmpty() ? ConfigReader.EMPTY : text;
    }

    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** A flag's JavaScript truthiness as a property value. */
    private static String flag(JsonNode value) {
        return Boolean.toString(JsValues.truthy(value));
    }
}
