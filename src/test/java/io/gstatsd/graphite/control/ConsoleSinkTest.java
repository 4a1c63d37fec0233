package io.gstatsd.graphite.control;

import io.gstatsd.aggregate.control.TimerStatistics;
import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.graphite.entity.Namespace;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleSinkTest {

    @Test
    void printsEveryByteOfAFlushLargerThanOnePiece() {
        List<CounterValue> counters = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            counters.add(new CounterValue("console.key." + i, i));
        }
        Snapshot snapshot = new Snapshot(1_700_000_000_000L, 10_000, counters, List.of(), List.of(), List.of(), 0);
        GraphiteFormatter formatter = new GraphiteFormatter(Namespace.LEGACY, new TimerStatistics(List.of(90.0)), () -> 0L);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        new ConsoleSink(new GraphiteText(formatter), new PrintStream(printed, false, StandardCharsets.UTF_8)).publish(snapshot);

        String expected = formatter.format(snapshot);
        assertTrue(expected.length() > 64 * 1024, "the flush spans several pieces");
        assertEquals(expected, printed.toString(StandardCharsets.UTF_8));
    }
}
