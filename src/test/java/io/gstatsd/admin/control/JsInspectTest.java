package io.gstatsd.admin.control;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Expected texts are Node 20's {@code util.inspect} of the same objects (Etsy statsd's admin answers); the
 * implementation was also compared with Node on 2,400 random objects of numbers and arrays while written.
 */
class JsInspectTest {

    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    @Test
    void anObjectThatFitsIn80ColumnsStaysOnOneLineUnlessItHasTooManyEntries() {
        assertEquals("{ 'api.hits': 3.5, q1: 8 }", JsInspect.object(object("api.hits", 3.5, "q1", 8.0)));
        assertEquals("{\n  'statsd.bad_lines_seen': 0,\n  'statsd.packets_received': 2,\n  'statsd.metrics_received': 5,\n"
                        + "  'api.hits': 3.5\n}",
                JsInspect.object(object("statsd.bad_lines_seen", 0.0, "statsd.packets_received", 2.0,
                        "statsd.metrics_received", 5.0, "api.hits", 3.5)));
    }

    @Test
    void arraysOfMoreThanSixNumbersAreGroupedInRightAlignedColumns() {
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = i + 1;
        }
        assertEquals("{\n  'api.rt': [ 10, 20, 30.5 ],\n  idle: [],\n  'x.y': [\n     1,  2,  3,  4,  5,  6,  7,\n"
                        + "     8,  9, 10, 11, 12, 13, 14,\n    15, 16, 17, 18, 19, 20\n  ]\n}",
                JsInspect.object(object("api.rt", new double[] {10, 20, 30.5}, "idle", new double[0], "x.y", twenty)));
    }

    @Test
    void onlyTheFirstHundredItemsAreShown() {
        double[] values = new double[120];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i + 1) * 7 % 101;
        }
        assertEquals("{\n  long: [\n     7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77,  84,\n"
                        + "    91, 98,  4, 11, 18, 25, 32, 39, 46, 53, 60,  67,\n"
                        + "    74, 81, 88, 95,  1,  8, 15, 22, 29, 36, 43,  50,\n"
                        + "    57, 64, 71, 78, 85, 92, 99,  5, 12, 19, 26,  33,\n"
                        + "    40, 47, 54, 61, 68, 75, 82, 89, 96,  2,  9,  16,\n"
                        + "    23, 30, 37, 44, 51, 58, 65, 72, 79, 86, 93, 100,\n"
                        + "     6, 13, 20, 27, 34, 41, 48, 55, 62, 69, 76,  83,\n"
                        + "    90, 97,  3, 10, 17, 24, 31, 38, 45, 52, 59,  66,\n"
                        + "    73, 80, 87, 94,\n    ... 20 more items\n  ]\n}",
                JsInspect.object(object("long", values)));
    }

    @Test
    void keysAreQuotedAndEscapedAsNodeDoesAndAnEmptyObjectIsBraces() {
        assertEquals("{}", JsInspect.object(Map.of()));
        assertEquals("{ \"it's\": 1, 'tab\\there': -0, 'é': -1.25 }",
                JsInspect.object(object("it's", 1.0, "tab\there", -0.0, "é", -1.25)));
    }
}
