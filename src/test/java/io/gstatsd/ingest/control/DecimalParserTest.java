package io.gstatsd.ingest.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-1", "+1", "42", "0.1", "0.3", "1.5", "-0.001", "123456789012345678",
        "1234567890.123456789", "3.141592653589793", "1e3", "2.5E-3", "9007199254740993", ".5", "5.",
        "0.000000000000000000000000123", "99999999999999999999999"})
    void parsesExactlyAsJavaDoes(String text) {
        assertEquals(Double.parseDouble(text), parse(text), 0.0, text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-", "+", ".", "abc", "1a", "NaN", "Infinity", "-Infinity", "0x1F", "1e999",
        "1..2", "1-2", "1e", "--1", "1d", "1f"})
    void rejectsWhatIsNotAFiniteDecimal(String text) {
        assertTrue(Double.isNaN(parse(text)), text);
    }

    private static double parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return DecimalParser.parse(bytes, 0, bytes.length);
    }
}
