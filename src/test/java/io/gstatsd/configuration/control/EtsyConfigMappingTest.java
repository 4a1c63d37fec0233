package io.gstatsd.configuration.control;

import io.gstatsd.configuration.entity.EtsyConfig;
import io.gstatsd.configuration.entity.GraphiteNaming;
import io.gstatsd.configuration.entity.HistogramBins;
import io.gstatsd.configuration.entity.HostPort;
import io.gstatsd.configuration.entity.IdleDeletion;
import io.gstatsd.configuration.entity.ServerConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Etsy's configuration keys read as stats.js and its backends read them, then validated as gstatsd's own. */
class EtsyConfigMappingTest {

    private static EtsyConfig map(String text) {
        return EtsyConfigMapping.map(LenientJson.parse(text));
    }

    private static ServerConfig config(String text) {
        Map<String, String> properties = map(text).properties();
        return ConfigReader.read(properties::get);
    }

    @Test
    void etsysExampleConfigSendsToItsGraphiteHostAndReceivesOnEveryIpv4Interface() {
        ServerConfig config = config("""
                { graphitePort: 2003
                , graphiteHost: "graphite.example.com"
                , port: 8125
                , backends: [ "./backends/graphite" ]
                }""");
        assertEquals(List.of(new HostPort("graphite.example.com", 2003)), config.sinks());
        assertEquals(List.of(new HostPort("0.0.0.0", 8125)), config.binds());
        assertFalse(config.console());
        assertEquals(10_000, config.flushIntervalMillis());
        assertEquals(List.of(90.0), config.percentThresholds());
    }

    @Test
    void withoutAGraphiteHostFlushesGoNowhereAsInEtsyAndTheConsoleBackendPrintsThem() {
        ServerConfig silent = config("{port: 8125}");
        assertEquals(List.of(), silent.sinks());
        assertFalse(silent.console());
        assertTrue(config("{backends: ['./backends/console']}").console());
    }

    @Test
    void everyOptionOfTheServerAndTheGraphiteBackendMapsOntoItsProperty() {
        ServerConfig config = config("""
                {
                  address: '127.0.0.1', port: 9125, flushInterval: 2500, graphiteHost: 'carbon', graphitePort: 2103,
                  percentThreshold: [90, 99, -10], deleteIdleStats: true, deleteTimers: false, gaugesMaxTTL: 3,
                  prefixStats: 'gs', keyNameSanitize: false, flush_counts: 0,
                  calculatedTimerMetrics: ['count', 'upper_percent'],
                  histogram: [ { metric: 'render', bins: [ 0.01, 0.1, 1, 10, 'inf'] } ],
                  graphite: { legacyNamespace: false, globalPrefix: '', prefixCounter: 'c', prefixTimer: 't',
                              prefixGauge: 'g', prefixSet: 's', globalSuffix: 'host1' },
                  dumpMessages: true,
                }""");
        assertEquals(List.of(new HostPort("127.0.0.1", 9125)), config.binds());
        assertEquals(2_500, config.flushIntervalMillis());
        assertEquals(List.of(new HostPort("carbon", 2103)), config.sinks());
        assertEquals(List.of(90.0, 99.0, -10.0), config.percentThresholds());
        assertEquals(new IdleDeletion(true, false, true, true, 3), config.deletion());
        assertEquals("gs", config.prefixStats());
        assertFalse(config.keyNameSanitize());
        assertEquals(List.of("count", "upper_percent"), config.calculatedTimerMetrics());
        assertEquals(List.of(new HistogramBins("render", List.of(0.01, 0.1, 1.0, 10.0, Double.POSITIVE_INFINITY))),
                config.histograms());
        assertEquals(new GraphiteNaming(false, "", "c", "t", "g", "s", "host1", false), config.graphiteNaming());
        assertEquals(2, config.verbosity());
    }

    @Test
    void valuesAreReadWithJavaScriptsRules() {
        ServerConfig config = config("{percentThreshold: 0, gaugesMaxTTL: 2.5, deleteGauges: 'yes', flushInterval: '5000'}");
        assertEquals(List.of(90.0), config.percentThresholds(), "0 || 90");
        assertEquals(1, config.deletion().gaugesMaxTtl(), "not an integer above 1: 1");
        assertTrue(config.deletion().gauges(), "a non-empty string is true");
        assertEquals(5_000, config.flushIntervalMillis());
        assertEquals(List.of(), config("{percentThreshold: []}").percentThresholds());
        assertEquals(List.of(99.9), config("{percentThreshold: 99.9}").percentThresholds());
    }

    @Test
    void serversListsUdpAndTcpListenersAndAnIpv6OneBindsEveryInterface() {
        Map<String, String> properties = map("""
                { servers: [ { server: './servers/udp', port: 8125, address_ipv6: true },
                             { server: './servers/tcp', address: '::1', port: 8127 },
                             { port: 8128 } ] }""").properties();
        assertEquals("[::]:8125,0.0.0.0:8128", properties.get(ConfigReader.BIND));
        assertEquals("[::1]:8127", properties.get(ConfigReader.TCP_BIND));
        assertEquals(ConfigReader.OFF, map("{port: 8125}").properties().get(ConfigReader.TCP_BIND));
        ServerConfig tcpOnly = config("{ servers: [ { server: './servers/tcp', port: 8125 } ] }");
        assertEquals(List.of(), tcpOnly.binds());
        assertEquals(List.of(new HostPort("0.0.0.0", 8125)), tcpOnly.tcpBinds());
    }

    @Test
    void theAdminPortListensOnLoopbackUnlessAnAddressIsGiven() {
        assertEquals("127.0.0.1:9126", map("{mgmt_port: 9126}").properties().get(ConfigReader.ADMIN_BIND));
        assertEquals("0.0.0.0:8126", map("{mgmt_address: '0.0.0.0'}").properties().get(ConfigReader.ADMIN_BIND));
        assertEquals(null, map("{}").properties().get(ConfigReader.ADMIN_BIND), "gstatsd's own default");
        assertEquals("down", map("{healthStatus: 'down'}").properties().get(ConfigReader.ADMIN_HEALTH));
    }

    @Test
    void theRepeaterBackendRepeatsToItsTargetsOverUdp() {
        Map<String, String> properties = map("""
                { backends: ['./backends/repeater'], repeater: [ { host: '10.0.0.1', port: 8125 }, { host: 'obs', port: 9125 } ],
                  repeaterProtocol: 'udp6' }""").properties();
        assertEquals("10.0.0.1:8125,obs:9125", properties.get(ConfigReader.REPEATERS));
        assertEquals("udp6", properties.get(ConfigReader.REPEATER_PROTOCOL));
        assertEquals(ConfigReader.OFF, map("{repeater: [ { host: 'a', port: 1 } ]}").properties().get(ConfigReader.REPEATERS),
                "Etsy ignores the targets without the backend");
    }

    @Test
    void unsupportedKeysAreListedWithTheReason() {
        EtsyConfig config = map("""
                { title: 'statsd', keyFlush: { interval: 1000 }, backends: ['./backends/graphite', 'statsd-influxdb-backend'],
                  influxdb: { host: 'x' }, graphite: { legacyNamespace: true, other: 1 }, automaticConfigReload: false }""");
        assertEquals(List.of("backends: statsd-influxdb-backend (only the graphite, console and repeater backends)",
                "title (the process title is Java's)", "keyFlush (no frequent-key log)",
                "influxdb (not an Etsy statsd 0.9 server, graphite, console or repeater option)",
                "graphite.other (not an option of Etsy's graphite backend)"), config.unsupported());
    }

    @Test
    void whatGstatsdCannotDoTheSameWayStopsStartUpNamingTheKey() {
        assertEquals("repeaterProtocol: 'tcp' is not supported; gstatsd repeats over UDP (udp4 or udp6)",
                assertThrows(InvalidConfigException.class, () -> map(
                        "{backends: ['./backends/repeater'], repeater: [{host: 'a', port: 1}], repeaterProtocol: 'tcp'}"))
                        .getMessage());
        assertEquals("graphite.legacyNamespace must be true or false, got \"no\"",
                assertThrows(InvalidConfigException.class, () -> map("{graphite: {legacyNamespace: 'no'}}")).getMessage());
        assertEquals("port must be a number, got \"eighty\"",
                assertThrows(InvalidConfigException.class, () -> map("{port: 'eighty'}")).getMessage());
    }
}
