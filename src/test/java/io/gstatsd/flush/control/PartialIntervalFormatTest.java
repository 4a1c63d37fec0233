package io.gstatsd.flush.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.KeyActivity;
import io.gstatsd.aggregate.entity.SetMembers;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.aggregate.entity.StampedMetrics;
import io.gstatsd.aggregate.entity.TimerSamples;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PartialIntervalFormatTest {

    static PartialInterval partial() {
        return new PartialInterval(new Snapshot(1_700_000_010_000L, 10_000,
                List.of(new CounterValue("statsd.packets_received", 12), new CounterValue("app.hits", 41.5),
                        new CounterValue("app.idle", 0), new CounterValue("app.déjà-vu;env=prod", -3)),
                List.of(new TimerSamples("app.rt", new double[]{0.5, 10, 10, 250.25}, 7.5),
                        new TimerSamples("app.idle_rt", new double[0], 0)),
                List.of(new GaugeValue("app.queue", -12.75), new GaugeValue("statsd.timestamp_lag", 0)),
                List.of(new SetMembers("app.users", new long[]{Long.MIN_VALUE, -1, 7, Long.MAX_VALUE}),
                        new SetMembers("app.idle_users", new long[0])),
                3, List.of(new StampedMetrics(1_699_999_000L, List.of(new CounterValue("app.hits;env=prod", 2.5)),
                                List.of(new TimerSamples("app.rt;env=prod", new double[]{1, 2}, 4)),
                                List.of(new GaugeValue("app.level", -1)), List.of(new SetMembers("app.users", new long[]{9}))),
                        new StampedMetrics(1_699_999_001L, List.of(), List.of(), List.of(),
                                List.of(new SetMembers("app.users", new long[]{3, 4}))))),
                new KeyActivity(times("app.hits", 1_700_000_010_000L, "app.idle", 1_699_999_000_000L, "app.déjà-vu;env=prod", 0),
                        times("app.rt", 1_700_000_010_000L, "app.idle_rt", 1_699_000_000_000L),
                        times("app.queue", 1_700_000_010_000L),
                        KeyActivity.KeyTimes.NONE));
    }

    private static KeyActivity.KeyTimes times(Object... nameThenMillis) {
        String[] names = new String[nameThenMillis.length / 2];
        long[] millis = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = (String) nameThenMillis[2 * i];
            millis[i] = ((Number) nameThenMillis[2 * i + 1]).longValue();
        }
        return new KeyActivity.KeyTimes(names, millis);
    }

    static byte[] bytes(PartialInterval partial) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PartialIntervalFormat.write(partial, out);
        return out.toByteArray();
    }

    private static PartialInterval withoutKeys(Snapshot snapshot) {
        return new PartialInterval(snapshot, KeyActivity.NONE);
    }

    static void assertSamePartial(PartialInterval expected, PartialInterval actual) {
        assertSameSnapshot(expected.snapshot(), actual.snapshot());
        List<KeyActivity.KeyTimes> expectedKeys = List.of(expected.activity().counters(), expected.activity().timers(),
                expected.activity().gauges(), expected.activity().sets());
        List<KeyActivity.KeyTimes> actualKeys = List.of(actual.activity().counters(), actual.activity().timers(),
                actual.activity().gauges(), actual.activity().sets());
        for (int type = 0; type < 4; type++) {
            assertArrayEquals(expectedKeys.get(type).names(), actualKeys.get(type).names());
            assertArrayEquals(expectedKeys.get(type).lastActiveMillis(), actualKeys.get(type).lastActiveMillis());
        }
    }

    static void assertSameSnapshot(Snapshot expected, Snapshot actual) {
        assertEquals(expected.epochMillis(), actual.epochMillis());
        assertEquals(expected.flushIntervalMillis(), actual.flushIntervalMillis());
        assertEquals(expected.processingMillis(), actual.processingMillis());
        assertSameMetrics(new StampedMetrics(0, expected.counters(), expected.timers(), expected.gauges(), expected.sets()),
                new StampedMetrics(0, actual.counters(), actual.timers(), actual.gauges(), actual.sets()));
        assertEquals(expected.stamped().size(), actual.stamped().size());
        for (int i = 0; i < expected.stamped().size(); i++) {
            assertSameMetrics(expected.stamped().get(i), actual.stamped().get(i));
        }
    }

    private static void assertSameMetrics(StampedMetrics expected, StampedMetrics actual) {
        assertEquals(expected.epochSeconds(), actual.epochSeconds());
        assertEquals(expected.counters(), actual.counters());
        assertEquals(expected.gauges(), actual.gauges());
        assertEquals(expected.timers().size(), actual.timers().size());
        for (int i = 0; i < expected.timers().size(); i++) {
            assertEquals(expected.timers().get(i).name(), actual.timers().get(i).name());
            assertArrayEquals(expected.timers().get(i).sortedValues(), actual.timers().get(i).sortedValues());
            assertEquals(expected.timers().get(i).weightedCount(), actual.timers().get(i).weightedCount());
        }
        assertEquals(expected.sets().size(), actual.sets().size());
        for (int i = 0; i < expected.sets().size(); i++) {
            assertEquals(expected.sets().get(i).name(), actual.sets().get(i).name());
            assertArrayEquals(expected.sets().get(i).hashes(), actual.sets().get(i).hashes());
        }
    }

    @Test
    void countersTimerSamplesWithWeightedCountsGaugesSetsStampedPointsAndKeyTimesComeBackExactly() throws Exception {
        PartialInterval partial = partial();
        assertSamePartial(partial, PartialIntervalFormat.read(bytes(partial)));
    }

    @Test
    void anEmptyIntervalComesBackEmpty() throws Exception {
        PartialInterval empty = withoutKeys(new Snapshot(5_000, 1, List.of(), List.of(), List.of(), List.of(), 0));
        assertSamePartial(empty, PartialIntervalFormat.read(bytes(empty)));
    }

    @Test
    void anyFlippedByteIsReportedAsDamaged() throws Exception {
        byte[] good = bytes(partial());
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            UnusableStateException e = assertThrows(UnusableStateException.class, () -> PartialIntervalFormat.read(bad),
                    "byte " + i);
            UnusableStateException.Reason expected = i >= 4 && i < 8
                    ? UnusableStateException.Reason.OTHER_VERSION : UnusableStateException.Reason.DAMAGED;
            assertEquals(expected, e.reason(), "byte " + i + ": " + e.getMessage());
        }
    }

    @Test
    void aTruncatedFileIsReportedAsDamaged() throws Exception {
        byte[] good = bytes(partial());
        for (int length : new int[]{0, 3, 15, good.length / 2, good.length - 1}) {
            UnusableStateException e = assertThrows(UnusableStateException.class,
                    () -> PartialIntervalFormat.read(Arrays.copyOf(good, length)));
            assertEquals(UnusableStateException.Reason.DAMAGED, e.reason(), length + " bytes: " + e.getMessage());
        }
    }

    @Test
    void aFileOfAnotherVersionIsReportedAsSuch() throws Exception {
        byte[] next = bytes(partial());
        ByteBuffer.wrap(next).putInt(4, PartialIntervalFormat.VERSION + 1);
        UnusableStateException e = assertThrows(UnusableStateException.class, () -> PartialIntervalFormat.read(next));
        assertEquals(UnusableStateException.Reason.OTHER_VERSION, e.reason());
        assertEquals("format version 2, this server reads 1", e.getMessage());
    }

    @Test
    void aCountBeyondTheFileIsDamagedEvenWithAValidChecksum() throws Exception {
        byte[] file = bytes(withoutKeys(new Snapshot(5_000, 10_000, List.of(), List.of(), List.of(), List.of(), 0)));
        ByteBuffer.wrap(file).putInt(32, Integer.MAX_VALUE);
        CRC32 crc = new CRC32();
        crc.update(file, 0, file.length - 8);
        ByteBuffer.wrap(file).putLong(file.length - 8, crc.getValue());
        UnusableStateException e = assertThrows(UnusableStateException.class, () -> PartialIntervalFormat.read(file));
        assertEquals(UnusableStateException.Reason.DAMAGED, e.reason());
    }
}
