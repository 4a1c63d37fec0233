package io.gstatsd.ingest.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-1", "+1", "42", "0.1", "0.3", "1.5", "-0.001", "123456789012345678",
        "1234567890.123456789", "3.141592653589793", "1e3", "2.5E-3", "1e-05", "1E-5", "3e+2", "0.5e1", "12.34e-7", "1e22", "1e-22", "9e23", "1e-300", "-7.5e-3",
        "+1e0", "123456789012345678e-5", "1e123", "9007199254740993", ".5", "5.",
        "0.000000000000000000000000123", "99999999999999999999999"})
    void parsesExactlyAsJavaDoes(String text) {
        assertEquals(Double.parseDouble(text), parse(text), 0.0, text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-", "+", ".", "abc", "1a", "NaN", "Infinity", "-Infinity", "0x1F", "1e999",
        "1..2", "1-2", "1e", "--1", "1d", "1f", "e5", ".e5", "1e+", "1e-", "1e5x", "1e1.5", "1e--5", "1ee5"})
    void rejectsWhatIsNotAFiniteDecimal(String text) {
        assertTrue(Double.isNaN(parse(text)), text);
    }

    private static double parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return DecimalParser.parse(bytes, 0, bytes.length);
    }
}
