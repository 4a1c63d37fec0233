package io.gstatsd.load.snmp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** payara/gstatsd-snmp against fixed load answers: OIDs from names alone, their order, types and values. */
class SnmpScriptTest {

    private static final String ONE = SnmpScript.BASE + ".1.1";
    private static final String FIVE_FULL = SnmpScript.BASE + ".2.5";

    private LoadAnswerServer http;

    @BeforeEach
    void answers() throws Exception {
        http = new LoadAnswerServer();
        for (String path : List.of("/1", "/5", "/15", "/1/full", "/5/full", "/15/full")) {
            http.answer(path, 1_795_579_320L, 1_795_580_215L, "stats.api.hits 0.533", "stats_counts.api.hits 480",
                    "stats.gauges.api.queue.last -12.5", "b 2.5", "aa 2.4999");
        }
        http.answer("/5/full", 1_795_579_000L, 1_795_579_300L, "stats_counts.api.hits 7");
    }

    @AfterEach
    void stop() {
        http.close();
    }

    /** The OID of a column's row for a name: length, then one sub-identifier per byte. */
    static String row(String window, int column, String name) {
        StringBuilder oid = new StringBuilder(window + ".3.1." + column);
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        oid.append('.').append(bytes.length);
        for (byte b : bytes) {
            oid.append('.').append(b & 0xff);
        }
        return oid.toString();
    }

    @Test
    void aNameHasTheSameOidInEveryProcessLengthThenOneSubIdentifierPerByte() throws Exception {
        String oid = row(ONE, 2, "stats_counts.api.hits");
        assertEquals(SnmpScript.BASE + ".1.1.3.1.2.21.115.116.97.116.115.95.99.111.117.110.116.115.46.97.112.105"
                + ".46.104.105.116.115", oid);
        for (int process = 0; process < 2; process++) {
            try (SnmpScript script = SnmpScript.persist("--url", http.url())) {
                assertEquals(List.of(oid, "string", "stats_counts.api.hits"), script.request("get", oid));
            }
        }
    }

    @Test
    void valuesAreTheTextARoundedCounter64AndThousandths() throws Exception {
        try (SnmpScript script = SnmpScript.persist("--url", http.url())) {
            String name = "stats.api.hits";
            assertEquals(List.of(ONE + ".1.0", "gauge", "1795579320"), script.request("get", ONE + ".1.0"));
            assertEquals(List.of(ONE + ".2.0", "gauge", "1795580215"), script.request("get", ONE + ".2.0"));
            assertEquals("0.533", script.request("get", row(ONE, 3, name)).get(2));
            assertEquals(List.of(row(ONE, 4, name), "counter64", "1"), script.request("get", row(ONE, 4, name)));
            assertEquals(List.of(row(ONE, 5, name), "counter64", "533"), script.request("get", row(ONE, 5, name)));
            assertEquals("480000", script.request("get", row(ONE, 5, "stats_counts.api.hits")).get(2));
            assertEquals("3", script.request("get", row(ONE, 4, "b")).get(2), "2.5 rounds half up");
            assertEquals("2", script.request("get", row(ONE, 4, "aa")).get(2));
            assertEquals("2500", script.request("get", row(ONE, 5, "aa")).get(2));
        }
    }

    @Test
    void aNegativeValueKeepsItsSignAsTextAndReadsZeroAsCounter64() throws Exception {
        try (SnmpScript script = SnmpScript.persist("--url", http.url())) {
            String name = "stats.gauges.api.queue.last";
            assertEquals("-12.5", script.request("get", row(ONE, 3, name)).get(2));
            assertEquals("0", script.request("get", row(ONE, 4, name)).get(2));
            assertEquals("0", script.request("get", row(ONE, 5, name)).get(2));
        }
    }

    @Test
    void eachWindowIsItsOwnSubtreeReadFromItsOwnPath() throws Exception {
        try (SnmpScript script = SnmpScript.persist("--url", http.url())) {
            assertEquals("1795579000", script.request("get", FIVE_FULL + ".1.0").get(2));
            assertEquals("7", script.request("get", row(FIVE_FULL, 3, "stats_counts.api.hits")).get(2));
            assertEquals(List.of("NONE"), script.request("get", row(FIVE_FULL, 3, "stats.api.hits")));
            assertEquals("1795579320", script.request("get", SnmpScript.BASE + ".1.15.1.0").get(2));
        }
        assertTrue(http.requests().containsAll(List.of("/5/full", "/15")), http.requests().toString());
    }

    @Test
    void aWalkVisitsEveryObjectOnceInLexicographicOidOrder() throws Exception {
        List<String> oids = new ArrayList<>();
        try (SnmpScript script = SnmpScript.persist("--url", http.url())) {
            for (List<String> found : script.walk(SnmpScript.BASE)) {
                oids.add(found.get(0));
            }
        }
        assertEquals(5 * (2 + 4 * 5) + (2 + 4), oids.size(), oids.toString());
        List<String> sorted = new ArrayList<>(oids);
        sorted.sort(Comparator.comparing(SnmpScriptTest::subIdentifiers, Arrays::compare));
        assertEquals(sorted, oids);
        assertEquals(oids.size(), oids.stream().distinct().count());
        assertEquals(List.of(ONE + ".1.0", ONE + ".2.0", row(ONE, 2, "b"), row(ONE, 2, "aa"),
                row(ONE, 2, "stats.api.hits")), oids.subList(0, 5), "shorter names first, as their length leads");
        assertEquals(row(ONE, 3, "b"), oids.get(2 + 5));
        assertEquals(SnmpScript.BASE + ".1.5.1.0", oids.get(2 + 4 * 5));
        assertEquals(row(SnmpScript.BASE + ".2.15", 5, "stats.gauges.api.queue.last"), oids.get(oids.size() - 1));
    }

    @Test
    void getnextFromAnyOidFindsTheNextObject() throws Exception {
        try (SnmpScript script = SnmpScript.persist("--url", http.url())) {
            assertEquals(ONE + ".1.0", script.request("getnext", ".1.3.6.1.4.1.8072").get(0), "before the base");
            assertEquals(ONE + ".1.0", script.request("getnext", SnmpScript.BASE + ".1").get(0));
            assertEquals(ONE + ".2.0", script.request("getnext", ONE + ".1.0").get(0));
            assertEquals(row(ONE, 2, "b"), script.request("getnext", ONE + ".2.0").get(0));
            assertEquals(row(ONE, 2, "aa"), script.request("getnext", row(ONE, 2, "b") + ".0").get(0),
                    "an index that is no name's");
            assertEquals(row(ONE, 3, "b"), script.request("getnext", ONE + ".3.1.2.200").get(0));
            assertEquals(SnmpScript.BASE + ".1.5.1.0", script.request("getnext", ONE + ".3.1.9").get(0),
                    "past the last column: the next window");
            assertEquals(SnmpScript.BASE + ".2.1.1.0", script.request("getnext", SnmpScript.BASE + ".1.99").get(0));
            assertEquals(List.of("NONE"), script.request("getnext", SnmpScript.BASE + ".2.15.4"));
            assertEquals(List.of("NONE"), script.request("getnext", SnmpScript.BASE + ".3"));
        }
    }

    @Test
    void onlyObjectsThatExistAnswerAGet() throws Exception {
        try (SnmpScript script = SnmpScript.persist("--url", http.url())) {
            for (String oid : List.of(ONE + ".1", ONE + ".1.0.0", ONE + ".3.1.2", row(ONE, 1, "b"), row(ONE, 6, "b"),
                    row(ONE, 2, "nothing"), SnmpScript.BASE + ".1.2.1.0", SnmpScript.BASE + ".3.1.1.0",
                    SnmpScript.BASE, "not.an.oid", ONE + ".3.1.2.1.300")) {
                assertEquals(List.of("NONE"), script.request("get", oid), oid);
            }
        }
    }

    @Test
    void aNameTooLongForAnOidIsLeftOut() throws Exception {
        String longest = "k".repeat(113);
        String tooLong = "k".repeat(114);
        http.answer("/1", 0, 60, longest + " 1", tooLong + " 2");
        try (SnmpScript script = SnmpScript.persist("--url", http.url())) {
            List<String> found = script.request("get", row(ONE, 3, longest));
            assertEquals("1", found.get(2));
            assertEquals(128, found.get(0).substring(1).split("\\.").length, "net-snmp's longest OID");
            assertEquals(List.of("NONE"), script.request("get", row(ONE, 3, tooLong)));
        }
    }

    @Test
    void passAnswersOneGetOrGetnextPerCallAndRefusesSet() throws Exception {
        String oid = row(ONE, 4, "stats_counts.api.hits");
        assertEquals(oid + "\ncounter64\n480\n", SnmpScript.pass("--url", http.url(), "-g", oid).stdout());
        assertEquals(oid + "\ncounter64\n480\n",
                SnmpScript.pass("--url", http.url(), "-n", row(ONE, 4, "stats.api.hits")).stdout());
        assertEquals("", SnmpScript.pass("--url", http.url(), "-g", row(ONE, 4, "nothing")).stdout());
        assertEquals("not-writable\n", SnmpScript.pass("--url", http.url(), "-s", oid, "counter64", "1").stdout());
    }

    @Test
    void persistAnswersPingAndRefusesSet() throws Exception {
        try (SnmpScript script = SnmpScript.persist("--url", http.url())) {
            assertEquals("PONG", script.line("PING\n"));
            assertEquals("not-writable", script.line("set\n" + ONE + ".1.0\ngauge 5\n"));
        }
    }

    @Test
    void aPrefixIsAskedOfTheServerAndAnotherBaseMovesEveryOid() throws Exception {
        String base = ".1.3.6.1.4.1.99999.1";
        try (SnmpScript script = SnmpScript.persist("--url", http.url(), "--prefix", "api.hits", "--base", base)) {
            assertEquals("480", script.request("get", row(base + ".1.1", 3, "stats_counts.api.hits")).get(2));
            assertEquals(List.of("NONE"), script.request("get", row(ONE, 3, "stats_counts.api.hits")));
        }
        assertEquals("/1?prefix=api.hits", http.requests().get(0));
    }

    @Test
    void persistReusesAnAnswerForTheCacheSecondsAndPassReadsAgainEachCall() throws Exception {
        try (SnmpScript script = SnmpScript.persist("--url", http.url(), "--cache-seconds", "600")) {
            script.walk(ONE);
        }
        assertEquals(List.of("/1", "/5", "/15", "/1/full", "/5/full", "/15/full"), http.requests());
        SnmpScript.pass("--url", http.url(), "-g", ONE + ".1.0");
        SnmpScript.pass("--url", http.url(), "-g", ONE + ".1.0");
        assertEquals(8, http.requests().size());
    }

    @Test
    void anUnreachableServerAnswersNothingAndSaysWhyOnStandardError() throws Exception {
        String url = http.url();
        http.close();
        SnmpScript.Result result = SnmpScript.pass("--url", url, "-g", ONE + ".1.0");
        assertEquals("", result.stdout());
        assertEquals(0, result.status());
        assertTrue(result.stderr().startsWith("gstatsd-snmp: cannot read " + url + "/1: "), result.stderr());
        try (SnmpScript script = SnmpScript.persist("--url", url)) {
            assertEquals(List.of("NONE"), script.request("getnext", SnmpScript.BASE));
        }
    }

    @Test
    void aBadBaseIsRefusedWithExitStatusTwo() throws Exception {
        SnmpScript.Result result = SnmpScript.pass("--base", "enterprises.1", "-g", ONE);
        assertEquals(2, result.status());
        assertTrue(result.stderr().startsWith("gstatsd-snmp: --base must be an OID"), result.stderr());
    }

    @Test
    void theMibNamesEveryObjectTheScriptServesWithItsOidAndType() throws Exception {
        String mib = Files.readString(Path.of("payara/GSTATSD-LOAD-MIB.txt"));
        Map<String, String> oids = new HashMap<>(Map.of("netSnmpExperimental", ".1.3.6.1.4.1.8072.9999"));
        Matcher definition = Pattern.compile("(?m)^(\\w+)[ \\t]+(OBJECT-TYPE|OBJECT IDENTIFIER|MODULE-IDENTITY)"
                + "([\\s\\S]*?)::=\\s*\\{\\s*(\\w+)\\s+(\\d+)\\s*\\}").matcher(mib);
        Map<String, String> syntaxOfReadable = new HashMap<>();
        while (definition.find()) {
            oids.put(definition.group(1), oids.get(definition.group(4)) + "." + definition.group(5));
            Matcher syntax = Pattern.compile("SYNTAX\\s+(\\w+)[\\s\\S]*MAX-ACCESS\\s+read-only").matcher(definition.group(3));
            if (syntax.find()) {
                syntaxOfReadable.put(definition.group(1), syntax.group(1));
            }
        }
        assertEquals(SnmpScript.BASE, oids.get("gstatsdLoadMIB"));
        assertEquals(FIVE_FULL + ".3.1.5", oids.get("gstatsdLoad5FullMilli"));
        assertEquals(SnmpScript.BASE + ".1.15.2", oids.get("gstatsdLoad15End"));
        assertEquals(6 * 6, syntaxOfReadable.size(), syntaxOfReadable.toString());
        Map<String, String> types = Map.of("Unsigned32", "gauge", "DisplayString", "string",
                "CounterBasedGauge64", "counter64");
        try (SnmpScript script = SnmpScript.persist("--url", http.url())) {
            for (Map.Entry<String, String> object : syntaxOfReadable.entrySet()) {
                String oid = oids.get(object.getKey());
                String instance = oid.matches(".*\\.3\\.1\\.\\d+") ? row(oid.substring(0, oid.length() - 6),
                        Integer.parseInt(oid.substring(oid.length() - 1)), "stats_counts.api.hits") : oid + ".0";
                assertEquals(types.get(object.getValue()), script.request("get", instance).get(1), object.getKey());
            }
            String key = oids.get("gstatsdLoad1Key");
            assertEquals(List.of("NONE"), script.request("get", row(key.substring(0, key.length() - 6), 1, "stats_counts.api.hits")),
                    "the index column is not readable");
        }
    }

    static int[] subIdentifiers(String oid) {
        return Arrays.stream(oid.substring(1).split("\\.")).mapToInt(Integer::parseInt).toArray();
    }
}
