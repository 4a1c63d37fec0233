package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.ingest.control.LineParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One million seeded random and mutated datagrams through the parser and the aggregation: nothing throws,
 * and the well-formed counter lines hidden among the junk are counted exactly.
 */
class DatagramFuzzTest {

    private static final long SEED = 20261125L;
    private static final int DATAGRAMS = 1_000_000;
    private static final int TRACKED_KEYS = 50;
    private static final String[] TEMPLATES = {
        "mut.c:1|c", "mut.t:12.5|ms|@0.1", "mut.g:-3|g", "mut.s:member|s", "mut.k:1|c:2|ms:3|g",
        "mut.tag:1|c|#env:prod,role:web", "mut.r:1|c|@0.25",
        "mut.d:1.5:2.5:10|d|#env:prod,canary|T1700000000|c:abc123|card:low|e:it-false,cn-app",
        "mut.tg,env=prod,region=eu:1|c", "mut.sd#env=prod;x=y:2|g|T1700000001", "mut.e:1|c|@1e-05|x9"
    };

    @Test
    void junkNeverThrowsAndWellFormedCountersAmongItAreExact() {
        SplittableRandom random = new SplittableRandom(SEED);
        Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(200_000), "", false, 1000, () -> 0L);
        ShardPair pair = aggregation.newShardPair();
        LineParser parser = new LineParser();
        Map<String, Long> expected = new HashMap<>();
        Map<String, Double> counted = new HashMap<>();
        ByteArrayOutputStream datagram = new ByteArrayOutputStream(65_536);
        for (int i = 0; i < DATAGRAMS; i++) {
            datagram.reset();
            int lines = 1 + random.nextInt(8);
            for (int line = 0; line < lines; line++) {
                if (line > 0) {
                    datagram.write('\n');
                }
                switch (random.nextInt(4)) {
                    case 0 -> writeTracked(datagram, random, expected);
                    case 1 -> writeRandom(datagram, random);
                    default -> writeMutated(datagram, random);
                }
            }
            if (random.nextInt(1000) == 0) {
                writeHuge(datagram, random);
            }
            byte[] bytes = datagram.toByteArray();
            pair.write(parser, bytes, 0, bytes.length);
            if (i % 100_000 == 99_999) {
                collect(aggregation.drain(i), counted);
            }
        }
        collect(aggregation.drain(DATAGRAMS), counted);
        assertTrue(expected.values().stream().mapToLong(Long::longValue).sum() > 100_000);
        for (Map.Entry<String, Long> key : expected.entrySet()) {
            assertEquals(key.getValue().doubleValue(), counted.get(key.getKey()), key.getKey());
        }
    }

    private static void writeTracked(ByteArrayOutputStream out, SplittableRandom random, Map<String, Long> expected) {
        String key = "fuzzok." + random.nextInt(TRACKED_KEYS);
        int value = 1 + random.nextInt(5);
        expected.merge(key, (long) value, Long::sum);
        write(out, key + ":" + value + "|c");
    }

    /** Any bytes but '\n', which would cut a line in two: NUL, invalid UTF-8, ':' and '|' anywhere. */
    private static void writeRandom(ByteArrayOutputStream out, SplittableRandom random) {
        int length = random.nextInt(64);
        for (int i = 0; i < length; i++) {
            int b = random.nextInt(256);
            out.write(b == '\n' ? ':' : b);
        }
    }

    private static void writeMutated(ByteArrayOutputStream out, SplittableRandom random) {
        byte[] line = TEMPLATES[random.nextInt(TEMPLATES.length)].getBytes(StandardCharsets.UTF_8);
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(line.length);
            switch (random.nextInt(4)) {
                case 0 -> line[at] = (byte) "|:@#.-+eE0123456789 \r\0".charAt(random.nextInt(22));
                case 1 -> line[at] = (byte) random.nextInt(256);
                case 2 -> line = (new String(line, StandardCharsets.ISO_8859_1).substring(0, at)
                        + "99999999999999999999999999e300").getBytes(StandardCharsets.ISO_8859_1);
                default -> line = new String(line, StandardCharsets.ISO_8859_1).substring(at)
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        for (byte b : line) {
            out.write(b == '\n' ? ' ' : b);
        }
    }

    private static void writeHuge(ByteArrayOutputStream out, SplittableRandom random) {
        out.write('\n');
        int length = 60_000 - out.size();
        for (int i = 0; i < length; i++) {
            out.write(random.nextInt(2) == 0 ? ':' : '|');
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void collect(Snapshot snapshot, Map<String, Double> counted) {
        for (CounterValue counter : snapshot.counters()) {
            if (counter.name().startsWith("fuzzok.")) {
                counted.merge(counter.name(), counter.value(), Double::sum);
            }
        }
    }
}
