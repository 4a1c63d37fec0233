package io.gstatsd.configuration.control;

import io.gstatsd.configuration.entity.GraphiteNaming;
import io.gstatsd.configuration.entity.HistogramBins;
import io.gstatsd.configuration.entity.HostPort;
import io.gstatsd.configuration.entity.IdleDeletion;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.configuration.entity.SinkType;
import io.gstatsd.configuration.entity.TagMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigReaderTest {

    private static ServerConfig read(Map<String, String> values) {
        return ConfigReader.read(values::get);
    }

    @Test
    void defaultsAreThoseOfEtsyStatsdAndTheOriginalGstatsd() {
        ServerConfig config = read(Map.of());
        assertEquals(List.of(new HostPort("", 8125)), config.binds());
        assertEquals(List.of(), config.sinks());
        assertEquals(java.util.Set.of(SinkType.GRAPHITE), config.sinkTypes());
        assertNull(config.loadBind());
        assertEquals(10_000, config.flushIntervalMillis());
        assertTrue(config.flushAligned(), "flushes on the wall clock");
        assertNull(config.stateDir(), "the WAR alone has no state directory; payara/gstatsd gives one");
        assertEquals(List.of(90.0), config.percentThresholds());
        assertEquals("", config.prefix());
        assertTrue(config.legacyNamespace());
        assertFalse(config.deleteIdle());
        assertEquals(1_000_000, config.maxKeys());
        assertEquals(360, config.sinkQueueFlushes());
        assertEquals(86_400_000, config.keyTtlMillis());
        assertEquals(TagMode.GRAPHITE, config.tagMode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"graphite,GRAPHITE", "drop,DROP", "name,NAME", "' Name ',NAME"})
    void tagModeIsReadInAnyCase(String value, TagMode expected) {
        assertEquals(expected, read(Map.of(ConfigReader.TAGS, value)).tagMode());
    }

    @Test
    void aKeyTtlOfZeroKeepsKeysForEverAndFractionsAreAccepted() {
        assertEquals(0, read(Map.of(ConfigReader.KEY_TTL, "0")).keyTtlMillis());
        assertEquals(2_500, read(Map.of(ConfigReader.KEY_TTL, "2.5")).keyTtlMillis());
    }

    @Test
    void readsEveryFormOfHostAndPort() {
        ServerConfig config = read(Map.of(ConfigReader.BIND, "[::1]:8125, 127.0.0.1:8126",
                ConfigReader.SINKS, "2003,stats1:2004,:2005"));
        assertEquals(List.of(new HostPort("::1", 8125), new HostPort("127.0.0.1", 8126)), config.binds());
        assertEquals(List.of(new HostPort("", 2003), new HostPort("stats1", 2004), new HostPort("", 2005)), config.sinks());
    }

    @Test
    void fractionalFlushIntervalsAndSeveralPercentsAreAccepted() {
        ServerConfig config = read(Map.of(ConfigReader.FLUSH_INTERVAL, "2.5", ConfigReader.PERCENT, "90,99,99.9"));
        assertEquals(2_500, config.flushIntervalMillis());
        assertEquals(List.of(90.0, 99.0, 99.9), config.percentThresholds());
    }

    @Test
    void flushAlignedFalseKeepsEtsysStartRelativeTimer() {
        assertFalse(read(Map.of(ConfigReader.FLUSH_ALIGNED, "false")).flushAligned());
    }

    @Test
    void aStateDirectoryIsAPath() {
        assertEquals(Path.of("/var/lib/gstatsd"), read(Map.of(ConfigReader.STATE_DIR, " /var/lib/gstatsd ")).stateDir());
    }

    @Test
    void etsyOptionsDefaultAsInEtsyStatsd() {
        ServerConfig config = read(Map.of());
        assertEquals(IdleDeletion.all(false), config.deletion());
        assertEquals("statsd", config.prefixStats());
        assertTrue(config.keyNameSanitize());
        assertEquals(List.of(), config.histograms());
        assertEquals(List.of(), config.calculatedTimerMetrics());
        assertEquals(GraphiteNaming.etsyDefaults(true), config.graphiteNaming());
    }

    @Test
    void deleteIdleIsTheDefaultOfEveryTypeAndEachTypeOverridesIt() {
        ServerConfig config = read(Map.of(ConfigReader.DELETE_IDLE, "true", ConfigReader.DELETE_TIMERS, "false",
                ConfigReader.GAUGES_MAX_TTL, "3"));
        assertEquals(new IdleDeletion(true, false, true, true, 3), config.deletion());
        assertEquals(new IdleDeletion(false, false, false, true, 1),
                read(Map.of(ConfigReader.DELETE_SETS, "true")).deletion());
    }

    @Test
    void negativePercentsAreTopPercentsAndNoneMeansNoThresholds() {
        assertEquals(List.of(90.0, 99.0, -10.0), read(Map.of(ConfigReader.PERCENT, "90,99,-10")).percentThresholds());
        assertEquals(List.of(), read(Map.of(ConfigReader.PERCENT, "none")).percentThresholds());
    }

    @Test
    void histogramIsWrittenAsInAnEtsyConfigurationFile() {
        ServerConfig config = read(Map.of(ConfigReader.HISTOGRAM,
                "[{metric: 'render', bins: [0.01, 0.1, 1, 'inf']}, {metric: 'foo', bins: []}, {metric: \"\", bins: [50,],},]"));
        assertEquals(List.of(new HistogramBins("render", List.of(0.01, 0.1, 1.0, Double.POSITIVE_INFINITY)),
                new HistogramBins("foo", List.of()), new HistogramBins("", List.of(50.0))), config.histograms());
    }

    @Test
    void graphitePrefixesMayBeEmptyWrittenAsTwoQuotes() {
        ServerConfig config = read(Map.of(ConfigReader.LEGACY_NAMESPACE, "false", ConfigReader.GLOBAL_PREFIX, "\"\"",
                ConfigReader.PREFIX_COUNTER, "c", ConfigReader.GLOBAL_SUFFIX, "host1", ConfigReader.FLUSH_COUNTS, "false",
                ConfigReader.PREFIX_STATS, "gstatsd.a", ConfigReader.CALCULATED_TIMER_METRICS, "count, upper_percent"));
        assertEquals(new GraphiteNaming(false, "", "c", "timers", "gauges", "sets", "host1", false), config.graphiteNaming());
        assertFalse(config.legacyNamespace());
        assertEquals("gstatsd.a", config.prefixStats());
        assertEquals(List.of("count", "upper_percent"), config.calculatedTimerMetrics());
    }

    @Test
    void theAdminInterfaceIsTriedOnLoopback8126UnlessConfiguredOrOff() {
        ServerConfig defaults = read(Map.of());
        assertEquals(new HostPort("127.0.0.1", 8126), defaults.adminBind());
        assertFalse(defaults.adminBindRequired());
        assertTrue(defaults.healthUp());
        ServerConfig configured = read(Map.of(ConfigReader.ADMIN_BIND, ":9126", ConfigReader.ADMIN_HEALTH, "down"));
        assertEquals(new HostPort("", 9126), configured.adminBind());
        assertTrue(configured.adminBindRequired());
        assertFalse(configured.healthUp());
        assertNull(read(Map.of(ConfigReader.ADMIN_BIND, "off")).adminBind());
    }

    @Test
    void tcpAndTheRepeaterAreOffUnlessConfiguredAndUdpMayBeOffWhenTcpIsOn() {
        ServerConfig defaults = read(Map.of());
        assertEquals(List.of(), defaults.tcpBinds());
        assertEquals(List.of(), defaults.repeaters());
        ServerConfig tcpOnly = read(Map.of(ConfigReader.BIND, "off", ConfigReader.TCP_BIND, "127.0.0.1:8125",
                ConfigReader.REPEATERS, "10.0.0.1:8125,obs:9125", ConfigReader.REPEATER_PROTOCOL, "udp6"));
        assertEquals(List.of(), tcpOnly.binds());
        assertEquals(List.of(new HostPort("127.0.0.1", 8125)), tcpOnly.tcpBinds());
        assertEquals(List.of(new HostPort("10.0.0.1", 8125), new HostPort("obs", 9125)), tcpOnly.repeaters());
        assertTrue(tcpOnly.repeaterIpv6());
    }

    @Test
    void loadSinkTypeListensOnTheFirstSinkAddress() {
        ServerConfig config = read(Map.of(ConfigReader.SINK_TYPE, "load", ConfigReader.SINKS, "localhost:8082"));
        assertEquals(new HostPort("localhost", 8082), config.loadBind());
    }

    @Test
    void prometheusIsOffUnlessNamedAndThenListensOnStatsdExportersPortOnLoopback() {
        assertNull(read(Map.of()).prometheusBind());
        assertEquals(300_000, read(Map.of()).prometheusTtlMillis());
        ServerConfig both = read(Map.of(ConfigReader.SINK_TYPE, "graphite,prometheus", ConfigReader.SINKS, "carbon:2003"));
        assertEquals(java.util.Set.of(SinkType.GRAPHITE, SinkType.PROMETHEUS), both.sinkTypes());
        assertEquals(List.of(new HostPort("carbon", 2003)), both.sinks());
        assertEquals(new HostPort("127.0.0.1", 9102), both.prometheusBind());
        assertFalse(both.console(), "a Graphite sink is given");
    }

    @Test
    void prometheusAloneListensOnTheSinkAddressAndPrintsNoConsole() {
        ServerConfig alone = read(Map.of(ConfigReader.SINK_TYPE, "prometheus", ConfigReader.SINKS, ":9200"));
        assertEquals(new HostPort("", 9200), alone.prometheusBind());
        assertFalse(alone.console());
        assertFalse(alone.hasSinkType(SinkType.GRAPHITE));
    }

    @Test
    void thePrometheusAddressAloneTurnsItOnBesideGraphiteAndTtlTakesFractions() {
        ServerConfig config = read(Map.of(ConfigReader.PROMETHEUS_BIND, "0.0.0.0:9102", ConfigReader.PROMETHEUS_TTL, "2.5"));
        assertEquals(new HostPort("0.0.0.0", 9102), config.prometheusBind());
        assertEquals(2_500, config.prometheusTtlMillis());
        assertTrue(config.console(), "Graphite without -s still prints");
    }

    @Test
    void loadAndPrometheusTogetherLeaveSinkAddressesWithoutAMeaning() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> read(Map.of(
                ConfigReader.SINK_TYPE, "load,prometheus", ConfigReader.SINKS, ":8082")));
        assertEquals(ConfigReader.SINK_TYPE, e.key());
        ServerConfig config = read(Map.of(ConfigReader.SINK_TYPE, "load , prometheus"));
        assertEquals(new HostPort("", 8082), config.loadBind());
        assertEquals(new HostPort("127.0.0.1", 9102), config.prometheusBind());
    }

    @Test
    void theHttpListenerIsTheLoadSinksAddressOrItsOwn() {
        assertNull(read(Map.of()).httpBind());
        assertEquals(new HostPort("localhost", 8082),
                read(Map.of(ConfigReader.SINK_TYPE, "load", ConfigReader.SINKS, "localhost:8082")).httpBind());
        assertEquals(new HostPort("0.0.0.0", 9090), read(Map.of(ConfigReader.HTTP_BIND, "0.0.0.0:9090")).httpBind());
    }

    @Test
    void anHttpAddressOtherThanTheLoadSinksIsRefusedNamingBoth() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> read(Map.of(
                ConfigReader.LOAD_BIND, "127.0.0.1:8082", ConfigReader.HTTP_BIND, "127.0.0.1:9090")));
        assertEquals("gstatsd.http.bind must be the load sink's address 127.0.0.1:8082 (one HTTP listener serves both)"
                + " or be left unset, got \"127.0.0.1:9090\"", e.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "gstatsd.flush-interval|-1|gstatsd.flush-interval must be > 0 seconds (at least 0.001), got \"-1\"",
        "gstatsd.flush-interval|0|gstatsd.flush-interval must be > 0 seconds (at least 0.001), got \"0\"",
        "gstatsd.flush-interval|ten|gstatsd.flush-interval must be a number, got \"ten\"",
        "gstatsd.percent|0|gstatsd.percent each percent must be in (0, 100], or in [-100, 0) for the top percent, or the list \"none\", got \"0\"",
        "gstatsd.percent|100.5|gstatsd.percent each percent must be in (0, 100], or in [-100, 0) for the top percent, or the list \"none\", got \"100.5\"",
        "gstatsd.percent|-101|gstatsd.percent each percent must be in (0, 100], or in [-100, 0) for the top percent, or the list \"none\", got \"-101\"",
        "gstatsd.admin.health|sideways|gstatsd.admin.health must be up or down, got \"sideways\"",
        "gstatsd.admin.bind|localhost|gstatsd.admin.bind: expected [host]:port with a numeric port, got \"localhost\" (\"off\" for none)",
        "gstatsd.bind|off|gstatsd.bind and gstatsd.tcp.bind are both off: nothing would receive statsd lines, got \"off\"",
        "gstatsd.repeater.protocol|tcp|gstatsd.repeater.protocol must be udp4 or udp6, got \"tcp\"",
        "gstatsd.tcp.bind|:x|gstatsd.tcp.bind: expected [host]:port with a numeric port, got \":x\"",
        "gstatsd.gauges-max-ttl|0|gstatsd.gauges-max-ttl must be between 1 and 1000000, got \"0\"",
        "gstatsd.delete-gauges|sometimes|gstatsd.delete-gauges must be true or false, got \"sometimes\"",
        "gstatsd.prefix-stats|\"\"|gstatsd.prefix-stats must not be empty, got \"\"\"\"",
        "gstatsd.prefix-stats|my stats|gstatsd.prefix-stats may hold only letters, digits, '_', '-' and '.', got \"my stats\"",
        "gstatsd.graphite.global-suffix|a/b|gstatsd.graphite.global-suffix may hold only letters, digits, '_', '-' and '.' (\"\" for none), got \"a/b\"",
        "gstatsd.calculated-timer-metrics|count,p99|gstatsd.calculated-timer-metrics names one of count, count_percent, count_ps, histogram, lower, lower_percent, mean, mean_percent, median, std, sum, sum_percent, sum_squares, sum_squares_percent, upper, upper_percent per item; \"p99\" is none of them, got \"count,p99\"",
        "gstatsd.histogram|{metric: 'a'}|gstatsd.histogram must be a list of {metric: 'text', bins: [number, ..., 'inf']}, got \"{metric: 'a'}\"",
        "gstatsd.histogram|[{metric: 'a', bins: [1, 'big']}]|gstatsd.histogram must be a list of {metric: 'text', bins: [number, ..., 'inf']}; a bin is a number or 'inf', got \"big\", got \"[{metric: 'a', bins: [1, 'big']}]\"",
        "gstatsd.bind|foo:bar|gstatsd.bind: expected [host]:port with a numeric port, got \"foo:bar\"",
        "gstatsd.bind|:70000|gstatsd.bind: port must be 1-65535, got \":70000\"",
        "gstatsd.sinks|::1:2003|gstatsd.sinks: an IPv6 host needs brackets, as in [::1]:8125, got \"::1:2003\"",
        "gstatsd.sink-type|carbon|gstatsd.sink-type must be graphite, load or prometheus, or several of them comma-separated, got \"carbon\"",
        "gstatsd.delete-idle|maybe|gstatsd.delete-idle must be true or false, got \"maybe\"",
        "gstatsd.flush-aligned|sometimes|gstatsd.flush-aligned must be true or false, got \"sometimes\"",
        "gstatsd.max-keys|0|gstatsd.max-keys must be between 1 and 100000000, got \"0\"",
        "gstatsd.key-ttl|-5|gstatsd.key-ttl must be 0 (keep keys for ever) or a number of seconds up to a year, got \"-5\"",
        "gstatsd.key-ttl|day|gstatsd.key-ttl must be a number, got \"day\"",
        "gstatsd.tags|prometheus|gstatsd.tags must be graphite, drop or name, got \"prometheus\"",
        "gstatsd.tags|``|gstatsd.tags must be graphite, drop or name, got \"\"",
        "gstatsd.prometheus.bind|localhost|gstatsd.prometheus.bind: expected [host]:port with a numeric port, got \"localhost\"",
        "gstatsd.prometheus.ttl|-1|gstatsd.prometheus.ttl must be 0 (keep series for ever) or a number of seconds up to a year, got \"-1\"",
        "gstatsd.prometheus.ttl|5m|gstatsd.prometheus.ttl must be a number, got \"5m\"",
    })
    void aBadValueIsRejectedWithItsKeyAndValue(String key, String value, String message) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> read(Map.of(key, value)));
        assertEquals(key, e.key());
        assertEquals(message, e.getMessage());
    }

    @Test
    void clusterModeIsOffByDefaultAndOnWithANameNamingEachMembersOwnFigures() {
        assertFalse(read(Map.of()).cluster().enabled());
        assertEquals("statsd", read(Map.of()).prefixStats());
        ServerConfig config = read(Map.of(ConfigReader.CLUSTER_NAME, "stats", ConfigReader.BIND, "127.0.0.1:8125",
                ConfigReader.CLUSTER_MEMBERS, "10.0.0.1:5900,10.0.0.2:5900", ConfigReader.CLUSTER_MEMBER_NAME, "node-1",
                ConfigReader.FLUSH_INTERVAL, "10"));
        assertTrue(config.cluster().enabled());
        assertEquals("stats", config.cluster().name());
        assertEquals(List.of(HostPort.parse("10.0.0.1:5900"), HostPort.parse("10.0.0.2:5900")), config.cluster().members());
        assertEquals("statsd.node-1", config.prefixStats());
        assertEquals(2000, config.cluster().graceMillis(), "half the interval, at most two seconds");
        assertEquals(5, config.cluster().failureSeconds());
        assertEquals(500, read(Map.of(ConfigReader.CLUSTER_NAME, "s", ConfigReader.FLUSH_INTERVAL, "1")).cluster().graceMillis());
        assertTrue(read(Map.of(ConfigReader.CLUSTER_NAME, "s", ConfigReader.BIND, ":8135")).cluster().memberName().endsWith("_8135"));
        ServerConfig dns = read(Map.of(ConfigReader.CLUSTER_NAME, "s", ConfigReader.CLUSTER_MEMBERS, "dns:gstatsd.svc:5900"));
        assertEquals("dns:gstatsd.svc:5900", dns.cluster().discovery());
        assertEquals(List.of(), dns.cluster().members());
        assertEquals("kubernetes", read(Map.of(ConfigReader.CLUSTER_NAME, "s", ConfigReader.CLUSTER_MEMBERS, "kubernetes"))
                .cluster().discovery());
        assertEquals("", config.cluster().discovery());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gstatsd.cluster.name|a b|gstatsd.cluster.name may hold only letters, digits, '_', '-' and '.', got \"a b\"",
            "gstatsd.cluster.grace-millis|30000|gstatsd.cluster.grace-millis must be between 1 and 20000, got \"30000\"",
            "gstatsd.cluster.failure-seconds|1|gstatsd.cluster.failure-seconds must be between 2 and 3600, got \"1\"",
            "gstatsd.flush-aligned|false|gstatsd.flush-aligned must be true in a cluster (gstatsd.cluster.name is set): every member must cut the same intervals, got \"false\""})
    void aBadClusterSettingStopsStartUpNamingIt(String key, String value, String message) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(ConfigReader.CLUSTER_NAME, "stats",
                ConfigReader.FLUSH_INTERVAL, "20"));
        values.put(key, value);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> read(values));
        assertEquals(key, e.key());
        assertEquals(message, e.getMessage());
    }
}
