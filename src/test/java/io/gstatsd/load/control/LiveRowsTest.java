package io.gstatsd.load.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.load.entity.LiveQuery;
import io.gstatsd.load.entity.LoadView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveRowsTest {

    /** A wall-clock minute boundary: 1_700_000_040 is divisible by 60. */
    private static final long MINUTE = 1_700_000_040_000L;

    private final MinuteFrames frames = new MinuteFrames(new LoadFormatter(List.of(90.0, 99.0)), MINUTE);
    private final LiveRows rows = new LiveRows(List.of(90.0, 99.0));

    private LoadView flush(long epochMillis, List<CounterValue> counters, List<TimerSamples> timers,
                           List<GaugeValue> gauges, List<SetMembers> sets) {
        return new LoadView(frames.add(new Snapshot(epochMillis, 10_000, counters, timers, gauges, sets, 0)),
                frames.series());
    }

    private static List<String> keys(String json) {
        List<String> keys = new ArrayList<>();
        Matcher key = Pattern.compile("\\{\"key\":\"([^\"]+)\",\"type\":\"([a-z]+)\"").matcher(json);
        while (key.find()) {
            keys.add(key.group(1) + "/" + key.group(2));
        }
        return keys;
    }

    @Test
    void eachKindShowsItsFiguresPerWindowAndAValuePerMinute() {
        flush(MINUTE + 30_000, List.of(new CounterValue("api.hits", 6)), List.of(), List.of(new GaugeValue("api.queue", 3)),
                List.of());
        LoadView view = flush(MINUTE + 60_000 + 20_000, List.of(new CounterValue("api.hits", 4)),
                List.of(new TimerSamples("api.rt", new double[] {10, 20, 30, 40}, 4)), List.of(new GaugeValue("api.queue", 7)),
                List.of(new SetMembers("api.users", new long[] {1, 2, 3})));
        String nulls = "null,".repeat(13);
        assertEquals("{\"end\":1700000120,\"firstMinute\":1699999260,\"matchingKeys\":4,\"rows\":["
                + "{\"key\":\"api.hits\",\"type\":\"counter\",\"w1\":{\"rate\":0.2,\"count\":4},"
                + "\"w5\":{\"rate\":0.125,\"count\":10},\"w15\":{\"rate\":0.125,\"count\":10},"
                + "\"perMinute\":[" + nulls + "6,4]},"
                + "{\"key\":\"api.queue\",\"type\":\"gauge\",\"w1\":{\"last\":7,\"lower\":7,\"upper\":7},"
                + "\"w5\":{\"last\":7,\"lower\":3,\"upper\":7},\"w15\":{\"last\":7,\"lower\":3,\"upper\":7},"
                + "\"perMinute\":[" + nulls + "3,7]},"
                + "{\"key\":\"api.rt\",\"type\":\"timer\",\"w1\":{\"count\":4,\"rate\":0.2,\"upper_90\":40,\"upper_99\":40},"
                + "\"w5\":{\"count\":4,\"rate\":0.05,\"upper_90\":40,\"upper_99\":40},"
                + "\"w15\":{\"count\":4,\"rate\":0.05,\"upper_90\":40,\"upper_99\":40},"
                + "\"perMinute\":[" + nulls + "0,4]},"
                + "{\"key\":\"api.users\",\"type\":\"set\",\"w1\":{\"count\":3},\"w5\":{\"count\":3},\"w15\":{\"count\":3},"
                + "\"perMinute\":[" + nulls + "0,3]}]}\n",
                rows.json(view, LiveQuery.of("", "name", null)));
    }

    @Test
    void aKeyIdleInTheLastMinuteIsStillListedWithoutFiguresThere() {
        flush(MINUTE + 30_000, List.of(), List.of(new TimerSamples("old.rt", new double[] {5}, 1)), List.of(), List.of());
        LoadView view = flush(MINUTE + 60_000 + 30_000, List.of(), List.of(), List.of(), List.of());
        String json = rows.json(view, LiveQuery.of("", null, null));
        assertTrue(json.contains("{\"key\":\"old.rt\",\"type\":\"timer\",\"w1\":null,\"w5\":{\"count\":1,"), json);
    }

    @Test
    void byRateTheFastestComeFirstThenTheKeysWithoutARateByName() {
        LoadView view = flush(MINUTE + 10_000, List.of(new CounterValue("slow", 1), new CounterValue("fast", 50),
                        new CounterValue("middle", 10), new CounterValue("also.middle", 10)),
                List.of(new TimerSamples("timer", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                        18, 19, 20}, 20)),
                List.of(new GaugeValue("b.gauge", 1), new GaugeValue("a.gauge", 1000)), List.of());
        assertEquals(List.of("fast/counter", "timer/timer", "also.middle/counter", "middle/counter", "slow/counter",
                "a.gauge/gauge", "b.gauge/gauge"), keys(rows.json(view, LiveQuery.of("", "rate", null))));
        assertEquals(List.of("fast/counter", "timer/timer"), keys(rows.json(view, LiveQuery.of("", "rate", "2"))));
        assertEquals(List.of("a.gauge/gauge", "also.middle/counter"), keys(rows.json(view, LiveQuery.of("a", "name", null))));
    }

    @Test
    void theFilterAndLimitLeaveAFewRowsOfTenThousandKeysAndCountTheMatches() {
        List<CounterValue> counters = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            counters.add(new CounterValue(String.format("svc%02d.key%04d", i % 50, i), i));
        }
        LoadView view = flush(MINUTE + 10_000, counters, List.of(), List.of(), List.of());
        String json = rows.json(view, LiveQuery.of("svc07.", "rate", "300"));
        assertTrue(json.contains("\"matchingKeys\":200,"), json.substring(0, 80));
        List<String> keys = keys(json);
        assertEquals(200, keys.size());
        assertEquals("svc07.key9957/counter", keys.get(0));
        assertEquals(300, keys(rows.json(view, LiveQuery.of("", "rate", null))).size());
        assertTrue(rows.json(view, LiveQuery.of("", "rate", null)).contains("\"matchingKeys\":10000,"));
    }

    @Test
    void beforeTheFirstFlushThereAreNoRows() {
        assertEquals("{\"end\":1700000100,\"firstMinute\":1699999260,\"matchingKeys\":0,\"rows\":[]}\n",
                rows.json(LoadView.empty(1_700_000_100), LiveQuery.of("", null, null)));
    }
}
