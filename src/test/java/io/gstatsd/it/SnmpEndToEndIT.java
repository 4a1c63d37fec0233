package io.gstatsd.it;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code payara/gstatsd -t load} read through a real net-snmp agent: Debian's snmpd runs payara/gstatsd-snmp
 * (pass_persist at the default base, pass at a second one), and snmpwalk, snmpget and snmpgetnext ask it.
 */
class SnmpEndToEndIT {

    private static final String BASE = ".1.3.6.1.4.1.8072.9999.8125";
    private static final String PASS_BASE = ".1.3.6.1.4.1.8072.9999.18125";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String row(String window, int column, String name) {
        StringBuilder oid = new StringBuilder(window + ".3.1." + column);
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        oid.append('.').append(bytes.length);
        for (byte b : bytes) {
            oid.append('.').append(b & 0xff);
        }
        return oid.toString();
    }

    /** snmpwalk/snmpget lines "OID = TYPE: value", in order. */
    private static Map<String, String> values(Snmpd.Output output) {
        assertEquals(0, output.status(), output.stderr());
        assertTrue(output.stderr().isEmpty(), output.stderr());
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.stdout().split("\n")) {
            int equals = line.indexOf(" = ");
            values.put(line.substring(0, equals), line.substring(equals + 3));
        }
        return values;
    }

    /** The snmp.* names of a walk by their OID below the base (the statsd.* ones come and go with flushes). */
    private static Map<String, String> namesOf(Map<String, String> walk, String base) {
        Map<String, String> names = new LinkedHashMap<>();
        walk.forEach((oid, value) -> {
            if (value.contains(".snmp.") && value.startsWith("STRING: \"stats")) {
                names.put(oid.substring(base.length()), value);
            }
        });
        return names;
    }

    private static int[] subIdentifiers(String oid) {
        return Arrays.stream(oid.substring(1).split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    private static void awaitCount(String url, String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains(line)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(line + " never in " + url + ":\n" + body);
    }

    @Test
    void snmpdWalksAndGetsTheLoadAnswersThroughTheScript() throws Exception {
        int httpPort = Ports.freeTcpPort();
        String script = GstatsdProcess.home().resolve("payara/gstatsd-snmp").toString();
        String url = "http://127.0.0.1:" + httpPort;
        try (GstatsdProcess gstatsd = GstatsdProcess.start("snmp-e2e", Ports.freeUdpPort(),
                "-s", "127.0.0.1:" + httpPort, "-t", "load", "-f", "1", "-p", "90");
             Snmpd snmpd = Snmpd.start(GstatsdProcess.home().resolve("target/snmp-it"), List.of(
                     "pass_persist " + BASE + " " + script + " --url " + url,
                     "pass " + PASS_BASE + " " + script + " --url " + url + " --base " + PASS_BASE))) {
            gstatsd.send("snmp.hits:7|c\nsnmp.hits:3|c\nsnmp.rt:100|ms\nsnmp.rt:300|ms\nsnmp.temp:-4.5|g");
            awaitCount(url + "/15", "stats_counts.snmp.hits 10\n");
            String fifteen = BASE + ".1.15";

            Map<String, String> walk = values(snmpd.run("snmpwalk", fifteen));
            List<String> oids = new ArrayList<>(walk.keySet());
            for (int i = 1; i < oids.size(); i++) {
                assertTrue(Arrays.compare(subIdentifiers(oids.get(i - 1)), subIdentifiers(oids.get(i))) < 0,
                        "lexicographic order: " + oids.get(i - 1) + " then " + oids.get(i));
            }
            assertEquals(fifteen + ".1.0", oids.get(0));
            assertTrue(walk.get(fifteen + ".1.0").startsWith("Gauge32: "), walk.get(fifteen + ".1.0"));
            assertEquals(fifteen + ".2.0", oids.get(1));
            assertEquals("STRING: \"stats_counts.snmp.hits\"", walk.get(row(fifteen, 2, "stats_counts.snmp.hits")));
            assertEquals("STRING: \"10\"", walk.get(row(fifteen, 3, "stats_counts.snmp.hits")));
            assertEquals("Counter64: 10", walk.get(row(fifteen, 4, "stats_counts.snmp.hits")));
            assertEquals("Counter64: 10000", walk.get(row(fifteen, 5, "stats_counts.snmp.hits")));
            assertEquals("STRING: \"300\"", walk.get(row(fifteen, 3, "stats.timers.snmp.rt.upper")));
            assertEquals("Counter64: 200000", walk.get(row(fifteen, 5, "stats.timers.snmp.rt.mean")));
            assertEquals("STRING: \"-4.5\"", walk.get(row(fifteen, 3, "stats.gauges.snmp.temp.last")));
            assertEquals("Counter64: 0", walk.get(row(fifteen, 4, "stats.gauges.snmp.temp.last")));
            int figures = (int) oids.stream().filter(oid -> oid.startsWith(fifteen + ".3.1.2.")).count();
            assertEquals(2 + 4 * figures, oids.size(), "start, end and four columns per figure");

            Map<String, String> got = values(snmpd.run("snmpget", row(fifteen, 3, "stats_counts.snmp.hits"),
                    row(BASE + ".2.15", 3, "stats_counts.snmp.hits"), BASE + ".1.1.2.0"));
            assertEquals("STRING: \"10\"", got.get(row(fifteen, 3, "stats_counts.snmp.hits")));
            String full = got.get(row(BASE + ".2.15", 3, "stats_counts.snmp.hits"));
            assertTrue(full.startsWith("No Such Instance") || full.equals("STRING: \"10\""),
                    "no complete minute holds the datagrams yet, or one does: " + full);
            assertTrue(got.get(BASE + ".1.1.2.0").startsWith("Gauge32: "));

            Map<String, String> next = values(snmpd.run("snmpgetnext", fifteen, row(fifteen, 5, "stats_counts.snmp.hits")));
            assertEquals(List.of(fifteen + ".1.0", oids.get(oids.indexOf(row(fifteen, 5, "stats_counts.snmp.hits")) + 1)),
                    new ArrayList<>(next.keySet()));

            String passRow = row(PASS_BASE + ".1.15", 3, "stats_counts.snmp.hits");
            assertEquals("STRING: \"10\"", values(snmpd.run("snmpget", passRow)).get(passRow));
            Map<String, String> passWalk = values(snmpd.run("snmpwalk", PASS_BASE + ".1.15.3.1.2"));
            assertEquals(2 + 6 + 4, namesOf(walk, BASE).size(), "counter, timer and gauge figures: " + namesOf(walk, BASE));
            assertEquals(namesOf(walk, BASE), namesOf(passWalk, PASS_BASE), "pass gives the same names at the same places");
        }
    }
}
