package io.gstatsd.load.entity;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyIndexTest {

    private static MinuteValues minute(Map<MetricKind, Map<String, Double>> byKind) {
        MinuteValues.Builder minute = new MinuteValues.Builder();
        byKind.forEach((kind, figures) -> minute.put(kind, figures, Double::doubleValue));
        return minute.build();
    }

    private static final KeyIndex INDEX = KeyIndex.of(minute(Map.of(
            MetricKind.COUNTER, Map.of("api.hits", 3.0, "api.rt", 1.0, "web.hits", 2.0),
            MetricKind.TIMER, Map.of("api.rt", 10.0)))).merge(KeyIndex.of(minute(Map.of(
            MetricKind.GAUGE, Map.of("api.queue", 5.0, "apiary", 1.0),
            MetricKind.COUNTER, Map.of("web.hits", 1.0)))));

    @Test
    void aKeyOfSeveralKindsIsOneRowPerKindInKindOrder() {
        assertEquals(List.of(new KeyIndex.Row("api.hits", MetricKind.COUNTER),
                new KeyIndex.Row("api.queue", MetricKind.GAUGE),
                new KeyIndex.Row("api.rt", MetricKind.COUNTER),
                new KeyIndex.Row("api.rt", MetricKind.TIMER),
                new KeyIndex.Row("apiary", MetricKind.GAUGE),
                new KeyIndex.Row("web.hits", MetricKind.COUNTER)), INDEX.rowsStartingWith("", 100));
    }

    @Test
    void aPartlyTypedNameMatchesEveryKeyThatStartsWithIt() {
        assertEquals(List.of("api.queue", "api.rt", "api.rt"),
                INDEX.rowsStartingWith("api.", 100).stream().map(KeyIndex.Row::key).toList().subList(1, 4));
        assertEquals(4, INDEX.countStartingWith("api"));
        assertEquals(3, INDEX.countStartingWith("api."));
        assertEquals(1, INDEX.countStartingWith("api.q"));
        assertEquals(0, INDEX.countStartingWith("zz"));
        assertEquals(5, INDEX.countStartingWith(""));
        assertEquals(List.of(new KeyIndex.Row("web.hits", MetricKind.COUNTER)), INDEX.rowsStartingWith("web.hits", 100));
    }

    @Test
    void rowsStopAtTheLimit() {
        assertEquals(List.of(new KeyIndex.Row("api.hits", MetricKind.COUNTER), new KeyIndex.Row("api.queue", MetricKind.GAUGE),
                new KeyIndex.Row("api.rt", MetricKind.COUNTER)), INDEX.rowsStartingWith("a", 3));
    }

    @Test
    void mergingWithEmptyKeepsTheSameIndex() {
        assertEquals(INDEX.rowsStartingWith("", 100), KeyIndex.EMPTY.merge(INDEX).rowsStartingWith("", 100));
        assertEquals(INDEX.rowsStartingWith("", 100), INDEX.merge(KeyIndex.EMPTY).rowsStartingWith("", 100));
    }
}
