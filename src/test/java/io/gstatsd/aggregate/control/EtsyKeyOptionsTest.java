package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.KeyNaming;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.TimerSamples;
import io.gstatsd.configuration.entity.IdleDeletion;
import io.gstatsd.configuration.entity.TagMode;
import io.gstatsd.ingest.control.LineParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.gstatsd.aggregate.control.SnapshotMaps.counters;
import static io.gstatsd.aggregate.control.SnapshotMaps.gauges;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Etsy's per-type deletion, gaugesMaxTTL, prefixStats and keyNameSanitize, as stats.js applies them. */
class EtsyKeyOptionsTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long INTERVAL = 10_000;
    private final LineParser parser = new LineParser();

    private static Aggregation aggregation(KeyNaming naming, IdleDeletion deletion) {
        return new Aggregation(KeyRegistries.withMaxKeys(100), naming, deletion, 0, INTERVAL, () -> 0L);
    }

    private static Aggregation aggregation(IdleDeletion deletion) {
        return aggregation(KeyNaming.withPrefix(""), deletion);
    }

    private void send(ShardPair pair, String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        pair.write(parser, bytes, 0, bytes.length);
    }

    @Test
    void eachTypeIsDeletedWhenIdleOnlyWhenItsOwnOptionIsOn() {
        Aggregation aggregation = aggregation(new IdleDeletion(true, false, false, true, 1));
        send(aggregation.newShardPair(), "c:5|c\nt:10|ms\ng:7|g\ns:x|s");
        aggregation.drain(T0);
        Snapshot idle = aggregation.drain(T0 + INTERVAL);
        assertFalse(counters(idle).containsKey("c"));
        assertEquals(List.of("t"), idle.timers().stream().map(TimerSamples::name).toList());
        assertEquals(7, gauges(idle).get("g"));
        assertEquals(List.of(), idle.sets().stream().map(SetMembers::name).toList());
    }

    @Test
    void countersNamedLikeTheServersOwnAreSentAsZeroInsteadOfDeleted() {
        Aggregation aggregation = aggregation(new IdleDeletion(true, true, true, true, 1));
        send(aggregation.newShardPair(), "app.packets_received:3|c\napp.bad_lines_seen.x:1|c\nmetrics_received:2|c\nother:1|c");
        aggregation.drain(T0);
        for (int interval = 1; interval <= 3; interval++) {
            Map<String, Double> counters = counters(aggregation.drain(T0 + interval * INTERVAL));
            assertEquals(0, counters.get("app.packets_received"));
            assertEquals(0, counters.get("app.bad_lines_seen.x"));
            assertEquals(0, counters.get("metrics_received"));
            assertFalse(counters.containsKey("other"));
        }
    }

    @Test
    void aGaugeIsDeletedAfterGaugesMaxTtlFlushesWithoutAWrite() {
        Aggregation aggregation = aggregation(new IdleDeletion(false, false, true, false, 3));
        ShardPair pair = aggregation.newShardPair();
        send(pair, "g:7|g");
        assertEquals(7, gauges(aggregation.drain(T0)).get("g"));
        assertEquals(7, gauges(aggregation.drain(T0 + INTERVAL)).get("g"));
        assertEquals(7, gauges(aggregation.drain(T0 + 2 * INTERVAL)).get("g"));
        assertFalse(gauges(aggregation.drain(T0 + 3 * INTERVAL)).containsKey("g"));
    }

    @Test
    void aWriteBeforeTheTtlRunsOutStartsItAgain() {
        Aggregation aggregation = aggregation(new IdleDeletion(false, false, true, false, 2));
        ShardPair pair = aggregation.newShardPair();
        send(pair, "g:7|g");
        aggregation.drain(T0);
        send(pair, "g:+1|g");
        assertEquals(8, gauges(aggregation.drain(T0 + INTERVAL)).get("g"));
        assertEquals(8, gauges(aggregation.drain(T0 + 2 * INTERVAL)).get("g"));
        assertFalse(gauges(aggregation.drain(T0 + 3 * INTERVAL)).containsKey("g"));
    }

    @Test
    void withDeleteGaugesAValueIsForgottenAfterGaugesMaxTtlFlushesEvenWhileItIsWritten() {
        Aggregation aggregation = aggregation(new IdleDeletion(false, false, true, false, 1));
        ShardPair pair = aggregation.newShardPair();
        send(pair, "g:10|g\ng:+5|g");
        assertEquals(15, gauges(aggregation.drain(T0)).get("g"));
        send(pair, "g:+1|g");
        assertEquals(1, gauges(aggregation.drain(T0 + INTERVAL)).get("g"), "Etsy deleted it after the flush");
    }

    @Test
    void aDeltaOnADeletedGaugeStartsFromZero() {
        Aggregation aggregation = aggregation(new IdleDeletion(false, false, true, false, 1));
        ShardPair pair = aggregation.newShardPair();
        send(pair, "g:7|g");
        aggregation.drain(T0);
        aggregation.drain(T0 + INTERVAL);
        send(pair, "g:+2|g");
        assertEquals(2, gauges(aggregation.drain(T0 + 2 * INTERVAL)).get("g"));
    }

    @Test
    void theServersOwnSeriesAreNamedUnderPrefixStats() {
        Aggregation aggregation = aggregation(new KeyNaming("", TagMode.GRAPHITE, "gs", true), IdleDeletion.all(false));
        send(aggregation.newShardPair(), "x:1|c\nbad");
        aggregation.drain(T0);
        Snapshot second = aggregation.drain(T0 + INTERVAL);
        Map<String, Double> counters = counters(aggregation.drain(T0 + 2 * INTERVAL));
        assertTrue(counters.keySet().containsAll(List.of("gs.bad_lines_seen", "gs.packets_received", "gs.metrics_received")));
        assertTrue(gauges(second).containsKey("gs.timestamp_lag"));
        assertFalse(counters.containsKey(Aggregation.PACKETS_RECEIVED));
    }

    @Test
    void withoutSanitisingKeysThatWouldSanitiseAlikeStayApartAndRaw() {
        Aggregation aggregation = aggregation(new KeyNaming("", TagMode.GRAPHITE, "statsd", false), IdleDeletion.all(false));
        send(aggregation.newShardPair(), "a b:1|c\na_b:2|c\nné/x:4|c");
        Map<String, Double> counters = counters(aggregation.drain(T0));
        assertEquals(1, counters.get("a b"));
        assertEquals(2, counters.get("a_b"));
        assertEquals(4, counters.get("né/x"));
    }
}
