package io.gstatsd.vocabulary.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeySanitizerTest {

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "foo.bar|foo.bar",
        "'a  b'|a_b",
        "'a \t b'|a_b",
        "a/b/c|a-b-c",
        "a!b@c#d$e%|abcde",
        "Ab-09_x.y|Ab-09_x.y",
        "foo;env=prod|foo;env=prod",
        "'héllo wörld'|hllo_wrld",
        "'(){}[]'|''",
    })
    void sanitisesAsEtsyStatsdDoes(String raw, String expected) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        assertEquals(expected, KeySanitizer.sanitize(bytes, 0, bytes.length));
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'héllo wörld'|hllo_wrld",
        "'a\u00a0\u2003b'|a_b",
        "'a \ufeff/b'|a_-b",
        "x;t=1|x;t=1",
    })
    void aDecodedKeyIsSanitisedAsJavaScriptReadsSpaces(String raw, String expected) {
        assertEquals(expected, KeySanitizer.sanitize(raw));
    }
}
