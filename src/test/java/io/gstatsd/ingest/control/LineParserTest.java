package io.gstatsd.ingest.control;

import io.gstatsd.vocabulary.entity.BadLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class LineParserTest {

    static Stream<Arguments> wellFormedLines() {
        return Stream.of(
                arguments("foo:1|c", "foo c 1.0 @1.0"),
                arguments("foo:-3|c", "foo c -3.0 @1.0"),
                arguments("foo:2.5|c", "foo c 2.5 @1.0"),
                arguments("foo:1|c|@0.1", "foo c 1.0 @0.1"),
                arguments("foo:1|c|@1", "foo c 1.0 @1.0"),
                arguments("foo:1|c|@2", "foo c 1.0 @2.0"),
                arguments("foo:1e3|c", "foo c 1000.0 @1.0"),
                arguments("foo: 7 |c", "foo c 7.0 @1.0"),
                arguments("foo:1| c ", "foo c 1.0 @1.0"),
                arguments("t:320|ms", "t ms 320.0 @1.0"),
                arguments("t:0.25|ms|@0.5", "t ms 0.25 @0.5"),
                arguments("t:3|h", "t ms 3.0 @1.0"),
                arguments("g:42|g", "g g 42.0"),
                arguments("g:+4|g", "g g delta 4.0"),
                arguments("g:-4|g", "g g delta -4.0"),
                arguments("g:0.5|g", "g g 0.5"),
                arguments("u:alice|s", "u s [alice]"),
                arguments("u:|s", "u s []"),
                arguments("u:a b|s", "u s [a b]"),
                arguments("a.b-c_d:1|c", "a.b-c_d c 1.0 @1.0"),
                arguments("with space:1|c", "with_space c 1.0 @1.0"),
                arguments("foo:1|c|#env:prod,role:web", "foo;env=prod;role=web c 1.0 @1.0"),
                arguments("foo:1|c|#role:web,env:prod", "foo;env=prod;role=web c 1.0 @1.0"),
                arguments("foo:1|c|#canary", "foo;canary=true c 1.0 @1.0"),
                arguments("foo:1|c|@0.5|#env:prod", "foo;env=prod c 1.0 @0.5"),
                // exponents in sample rates: Python writes rates below 0.0001 so
                arguments("foo:1|c|@1e-05", "foo c 1.0 @1.0E-5"),
                arguments("foo:1|c|@1e-1", "foo c 1.0 @0.1"),
                arguments("foo:1|c|@1E-2", "foo c 1.0 @0.01"),
                // DogStatsD distributions are timer samples, like histograms
                arguments("k:12.5|d|#region:eu", "k;region=eu ms 12.5 @1.0"),
                arguments("k:12.5|d|@0.5", "k ms 12.5 @0.5"),
                // DogStatsD fields after the type, in any order
                arguments("foo:1|c|#env:prod|@0.5", "foo;env=prod c 1.0 @0.5"),
                arguments("foo:7|c|T1795619311|#env:prod", "foo;env=prod c 7.0 @1.0 T1795619311"),
                arguments("foo:7|c|#env:prod|T1795619311", "foo;env=prod c 7.0 @1.0 T1795619311"),
                arguments("t:5|ms|T1795619311", "t ms 5.0 @1.0 T1795619311"),
                arguments("g:5.5|g|T1795619311", "g g 5.5 T1795619311"),
                arguments("g:+2|g|T1795619311", "g g delta 2.0 T1795619311"),
                arguments("u:alice|s|T1795619311", "u s [alice] T1795619311"),
                arguments("foo:1|c|#env:prod|c:abc123", "foo;env=prod c 1.0 @1.0"),
                arguments("foo:1|c|c:abc123|#env:prod", "foo;env=prod c 1.0 @1.0"),
                arguments("foo:1|c|@0.5|#env:prod|card:low|c:abc123|e:it-false,cn-app", "foo;env=prod c 1.0 @0.5"),
                arguments("foo:1|c|card:high", "foo c 1.0 @1.0"),
                // tags in the name: Telegraf, Sysdig, Graphite (as Etsy passes it on)
                arguments("foo,env=prod,region=eu:1|c", "foo;env=prod;region=eu c 1.0 @1.0"),
                arguments("foo,region=eu,env=prod:1|c", "foo;env=prod;region=eu c 1.0 @1.0"),
                arguments("foo#env=prod,region=eu:1|c", "foo;env=prod;region=eu c 1.0 @1.0"),
                arguments("foo;region=eu;env=prod:1|c", "foo;env=prod;region=eu c 1.0 @1.0"),
                arguments("foo,env=prod:1|c|#region:eu", "foo;env=prod;region=eu c 1.0 @1.0"),
                arguments("foo,env=prod:5|ms|@0.25", "foo;env=prod ms 5.0 @0.25")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormedLines")
    void wellFormedLineBecomesOneMetric(String line, String expected) {
        RecordingConsumer out = parse(line);
        assertEquals(List.of(expected), out.metrics);
        assertEquals(List.of(), out.bad);
        assertEquals(1, out.lines);
    }

    static Stream<Arguments> malformedLines() {
        return Stream.of(
                arguments("foo", BadLine.NO_VALUE),
                arguments("foo|c", BadLine.NO_VALUE),
                arguments("foo:1", BadLine.NO_TYPE),
                arguments("foo:", BadLine.NO_TYPE),
                arguments("foo:1|", BadLine.UNKNOWN_TYPE),
                arguments("foo:1|x", BadLine.UNKNOWN_TYPE),
                arguments("foo:1|cc", BadLine.UNKNOWN_TYPE),
                arguments("foo:1|msx", BadLine.UNKNOWN_TYPE),
                arguments("foo:abc|c", BadLine.BAD_VALUE),
                arguments("foo:|c", BadLine.BAD_VALUE),
                arguments("foo:NaN|c", BadLine.BAD_VALUE),
                arguments("foo:Infinity|c", BadLine.BAD_VALUE),
                arguments("foo:-Infinity|g", BadLine.BAD_VALUE),
                arguments("foo:0x10|c", BadLine.BAD_VALUE),
                arguments("foo:1e999|c", BadLine.BAD_VALUE),
                arguments("foo:1.2.3|c", BadLine.BAD_VALUE),
                arguments("foo:--1|c", BadLine.BAD_VALUE),
                arguments("foo:+|g", BadLine.BAD_VALUE),
                arguments("t:-1|ms", BadLine.BAD_VALUE),
                arguments("t:|ms", BadLine.BAD_VALUE),
                arguments("foo:1|c|@", BadLine.BAD_SAMPLE_RATE),
                arguments("foo:1|c|@-0.5", BadLine.BAD_SAMPLE_RATE),
                arguments("foo:1|c|@0", BadLine.BAD_SAMPLE_RATE),
                arguments("foo:1|c|@abc", BadLine.BAD_SAMPLE_RATE),
                arguments("foo:1|c|@NaN", BadLine.BAD_SAMPLE_RATE),
                arguments("foo:1|c|@1e999", BadLine.BAD_SAMPLE_RATE),
                arguments("foo:1|c|#env:prod|@0", BadLine.BAD_SAMPLE_RATE),
                arguments("foo:1|d|@-1", BadLine.BAD_SAMPLE_RATE),
                arguments("foo:1|x|#env:prod", BadLine.UNKNOWN_TYPE),
                arguments("t:-1|d", BadLine.BAD_VALUE)
        );
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("malformedLines")
    void malformedLineIsCountedAndSkipped(String line, BadLine reason) {
        RecordingConsumer out = parse(line);
        assertEquals(List.of(), out.metrics);
        assertEquals(List.of(reason), out.bad);
        assertEquals(1, out.lines);
    }

    static Stream<Arguments> linesWithUnknownFields() {
        return Stream.of(
                arguments("foo:1|c|extra", "foo c 1.0 @1.0", 1),
                arguments("foo:1|c|0.1", "foo c 1.0 @1.0", 1),
                arguments("foo:1|c|", "foo c 1.0 @1.0", 1),
                arguments("foo:1|c||", "foo c 1.0 @1.0", 2),
                arguments("foo:1|c|x:y|#env:prod", "foo;env=prod c 1.0 @1.0", 1),
                arguments("foo:1|c|#env:prod|z9|@0.5", "foo;env=prod c 1.0 @0.5", 1),
                arguments("foo:1|c|T", "foo c 1.0 @1.0", 1),
                arguments("foo:1|c|Tsoon", "foo c 1.0 @1.0", 1),
                arguments("foo:1|c|T0", "foo c 1.0 @1.0", 1),
                arguments("foo:1|c|T-5", "foo c 1.0 @1.0", 1),
                arguments("foo:1|c|cardinal", "foo c 1.0 @1.0", 1)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linesWithUnknownFields")
    void unknownFieldIsCountedAndItsMetricKept(String line, String expected, int unknownFields) {
        RecordingConsumer out = parse(line);
        assertEquals(List.of(expected), out.metrics);
        assertEquals(List.of(), out.bad);
        assertEquals(unknownFields, out.unknownFields);
    }

    static Stream<Arguments> severalValuesInOneLine() {
        return Stream.of(
                // DogStatsD 1.1: several values of one type
                arguments("k:1.5:2.25:10.0|d|#region:eu",
                        List.of("k;region=eu ms 1.5 @1.0", "k;region=eu ms 2.25 @1.0", "k;region=eu ms 10.0 @1.0")),
                arguments("k:1:2|c|@0.5", List.of("k c 1.0 @0.5", "k c 2.0 @0.5")),
                arguments("k:1:2|c|T1795619311", List.of("k c 1.0 @1.0 T1795619311", "k c 2.0 @1.0 T1795619311")),
                arguments("k:+1:-3|g", List.of("k g delta 1.0", "k g delta -3.0")),
                arguments("u:a:b|s", List.of("u s [a]", "u s [b]")),
                // Etsy: several types of one key
                arguments("k:1|c:25|ms:3|g", List.of("k c 1.0 @1.0", "k ms 25.0 @1.0", "k g 3.0")),
                arguments("k:1|c|@0.5:25|ms", List.of("k c 1.0 @0.5", "k ms 25.0 @1.0")),
                arguments("k:1|c|T1795619311:25|ms", List.of("k c 1.0 @1.0 T1795619311", "k ms 25.0 @1.0")),
                arguments("k:1|c:25|ms|#env:prod", List.of("k;env=prod c 1.0 @1.0", "k;env=prod ms 25.0 @1.0")),
                // both at once
                arguments("k:1:2|c:25|ms", List.of("k c 1.0 @1.0", "k c 2.0 @1.0", "k ms 25.0 @1.0"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("severalValuesInOneLine")
    void severalValuesOfOneLineAreEachCounted(String line, List<String> expected) {
        RecordingConsumer out = parse(line);
        assertEquals(expected, out.metrics);
        assertEquals(List.of(), out.bad);
        assertEquals(1, out.lines);
    }

    @Test
    void aBadValueAmongPackedValuesSkipsOnlyItself() {
        RecordingConsumer out = parse("k:1:x:3|d");
        assertEquals(List.of("k ms 1.0 @1.0", "k ms 3.0 @1.0"), out.metrics);
        assertEquals(List.of(BadLine.BAD_VALUE), out.bad);
    }

    @Test
    void dogStatsDTagsFollowTheKeyAfterAColonSoTheAggregationCanonicalisesThemOnce() {
        RecordingConsumer out = parse("k,env=prod:1|c|#region:eu\nk:2|c");
        assertEquals(List.of("k,env=prod:region:eu", "k"), out.rawKeys);
    }

    @Test
    void severalLinesPerDatagramAreAllParsed() {
        RecordingConsumer out = parse("a:1|c\nb:2|ms\nc:3|g\n");
        assertEquals(List.of("a c 1.0 @1.0", "b ms 2.0 @1.0", "c g 3.0"), out.metrics);
        assertEquals(1, out.packets);
        assertEquals(3, out.lines);
    }

    @Test
    void crlfAndEmptyLinesAreIgnored() {
        RecordingConsumer out = parse("a:1|c\r\n\r\n\nb:2|c|@0.5\r\n");
        assertEquals(List.of("a c 1.0 @1.0", "b c 2.0 @0.5"), out.metrics);
        assertEquals(2, out.lines);
        assertEquals(List.of(), out.bad);
    }

    @Test
    void severalValuesForOneKeyAreEachParsed() {
        RecordingConsumer out = parse("k:1|c:25|ms:3|g");
        assertEquals(List.of("k c 1.0 @1.0", "k ms 25.0 @1.0", "k g 3.0"), out.metrics);
        assertEquals(1, out.lines);
    }

    @Test
    void aBadValueAmongSeveralSkipsOnlyItself() {
        RecordingConsumer out = parse("k:1|c:x|ms:3|c");
        assertEquals(List.of("k c 1.0 @1.0", "k c 3.0 @1.0"), out.metrics);
        assertEquals(List.of(BadLine.BAD_VALUE), out.bad);
    }

    @Test
    void malformedLineDoesNotDropItsNeighbours() {
        RecordingConsumer out = parse("a:1|c\ngarbage\nb:2|c\n:::|||\nc:3|c");
        assertEquals(List.of("a c 1.0 @1.0", "b c 2.0 @1.0", "c c 3.0 @1.0"), out.metrics);
        // ":::|||" is three empty values of an empty type for an empty key, then two empty fields
        assertEquals(List.of(BadLine.NO_VALUE, BadLine.UNKNOWN_TYPE, BadLine.UNKNOWN_TYPE, BadLine.UNKNOWN_TYPE), out.bad);
        assertEquals(2, out.unknownFields);
        assertEquals(5, out.lines);
    }

    @Test
    void nulAndInvalidUtf8BytesDoNotBreakTheNextLine() {
        byte[] datagram = {'a', 0, (byte) 0xff, ':', '1', '|', 'c', '\n', (byte) 0xc3, '\n', 'b', ':', '2', '|', 'c'};
        RecordingConsumer out = new RecordingConsumer();
        new LineParser().parse(datagram, 0, datagram.length, out);
        assertEquals(3, out.lines);
        assertEquals("b c 2.0 @1.0", out.metrics.get(out.metrics.size() - 1));
        assertEquals(2, out.metrics.size());
    }

    @Test
    void parsesOnlyTheGivenRangeOfTheBuffer() {
        byte[] buffer = "XXXXa:1|cYYYY".getBytes(StandardCharsets.US_ASCII);
        RecordingConsumer out = new RecordingConsumer();
        new LineParser().parse(buffer, 4, 5, out);
        assertEquals(List.of("a c 1.0 @1.0"), out.metrics);
    }

    private static RecordingConsumer parse(String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        RecordingConsumer out = new RecordingConsumer();
        new LineParser().parse(bytes, 0, bytes.length, out);
        return out;
    }
}
