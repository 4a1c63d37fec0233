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
                arguments("with space:1|c", "with space c 1.0 @1.0"),
                arguments("foo:1|c|#env:prod,role:web", "foo;env=prod;role=web c 1.0 @1.0"),
                arguments("foo:1|c|@0.5|#env:prod", "foo;env=prod c 1.0 @0.5")
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
                arguments("foo:1|c|0.1", BadLine.BAD_SAMPLE_RATE),
                arguments("foo:1|c|@", BadLine.BAD_SAMPLE_RATE),
                arguments("foo:1|c|@-0.5", BadLine.BAD_SAMPLE_RATE),
                arguments("foo:1|c|@0", BadLine.BAD_SAMPLE_RATE),
                arguments("foo:1|c|@abc", BadLine.BAD_SAMPLE_RATE),
                arguments("foo:1|c|@1e-1", BadLine.BAD_SAMPLE_RATE),
                arguments("foo:1|c|extra", BadLine.BAD_SAMPLE_RATE)
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
        // ":::|||" is three empty metrics of an empty key, each bad, as Etsy splits it
        assertEquals(List.of(BadLine.NO_VALUE, BadLine.NO_TYPE, BadLine.NO_TYPE, BadLine.BAD_SAMPLE_RATE), out.bad);
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
