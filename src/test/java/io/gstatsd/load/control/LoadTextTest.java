package io.gstatsd.load.control;

import io.gstatsd.load.entity.LoadAnswer;
import io.gstatsd.load.entity.WindowSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadTextTest {

    private static LoadAnswer answer() {
        TreeMap<String, Double> figures = new TreeMap<>(Map.of(
                "stats_counts.a.b.hits", 12.0, "stats.a.b.hits", 0.2, "stats.gauges.a.bc.last", 1e-7,
                "stats.timers.x.rt.upper_90", 1234567.5));
        TreeMap<String, List<String>> keys = new TreeMap<>(Map.of(
                "a.b.hits", List.of("stats_counts.a.b.hits", "stats.a.b.hits"),
                "a.bc", List.of("stats.gauges.a.bc.last"),
                "x.rt", List.of("stats.timers.x.rt.upper_90")));
        return new LoadAnswer(1_700_000_040, 1_700_000_100, 60, figures, keys);
    }

    @Test
    void plainTextStartsWithTheWindowAndListsSortedPairsWithoutExponents() {
        assertEquals("""
                window.start 1700000040
                window.end 1700000100
                stats.a.b.hits 0.2
                stats.gauges.a.bc.last 0.0000001
                stats.timers.x.rt.upper_90 1234567.5
                stats_counts.a.b.hits 12
                """, LoadText.plain(answer(), null));
    }

    @Test
    void prefixKeepsOnlyKeysUnderIt() {
        assertEquals("""
                window.start 1700000040
                window.end 1700000100
                stats.a.b.hits 0.2
                stats_counts.a.b.hits 12
                """, LoadText.plain(answer(), "a.b"));
    }

    @Test
    void jsonHasTheSamePairsInTheSameOrder() {
        assertEquals("{\"window.start\":1700000040,\"window.end\":1700000100,\"stats.a.b.hits\":0.2,"
                + "\"stats.gauges.a.bc.last\":0.0000001,\"stats.timers.x.rt.upper_90\":1234567.5,"
                + "\"stats_counts.a.b.hits\":12}\n", LoadText.json(answer(), ""));
    }

    @Test
    void onlyOneFiveAndFifteenMinutesAreWindows() {
        assertTrue(WindowSpec.parse("5", true).isPresent());
        assertTrue(WindowSpec.parse("2", false).isEmpty());
        assertTrue(WindowSpec.parse("01", false).isEmpty());
        assertEquals(6, WindowSpec.all().size());
    }
}
