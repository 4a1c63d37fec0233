package io.gstatsd.vocabulary.control;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shortcut for common values must write exactly what the general (Double.toString) path writes. */
class PlainNumberTest {

    private static String fast(double value) {
        byte[] out = new byte[PlainNumber.MAX_FAST_BYTES + 3];
        int end = PlainNumber.writeFast(value, out, 3);
        return end < 0 ? null : new String(out, 3, end - 3, StandardCharsets.US_ASCII);
    }

    @Test
    void shortDecimalsAreWrittenAsTheyWereScaled() {
        assertEquals("0.1", fast(0.1));
        assertEquals("2.5", fast(25 / 10.0));
        assertEquals("-1.5", fast(-1.5));
        assertEquals("0.000001", fast(0.000001));
        assertEquals("123456.789", fast(123456.789));
        assertEquals("0.3", fast(3 / 10.0));
        assertEquals("-9007199254740991", fast(-9007199254740991.0));
        assertEquals("0", fast(-0.0));
    }

    @Test
    void everyDecimalOfFewDigitsMatchesItsExactText() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            int places = 1 + random.nextInt(6);
            long digits = random.nextLong(1, 1_000_000_000_000L);
            if (digits % 10 == 0) {
                continue;
            }
            double value = (random.nextBoolean() ? 1 : -1) * (digits / Math.pow(10, places));
            String expected = BigDecimal.valueOf(digits, places).stripTrailingZeros().toPlainString();
            assertEquals((value < 0 ? "-" : "") + expected, fast(value), "digits " + digits + " places " + places);
            assertEquals(PlainNumber.fallback(value), fast(value));
        }
    }

    @Test
    void whatTheShortcutWritesReadsBackAsTheValueAndAgreesWithTheGeneralPath() {
        SplittableRandom random = new SplittableRandom(11);
        int taken = 0;
        for (int i = 0; i < 500_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble() * 1000;
                case 1 -> random.nextInt(1_000_000) / (double) (1 + random.nextInt(64));
                case 2 -> Math.sqrt(random.nextInt(100_000));
                default -> Double.longBitsToDouble(random.nextLong());
            };
            String text = fast(value);
            if (text != null) {
                taken++;
                assertEquals(value, Double.parseDouble(text), text);
                if (value != Math.rint(value)) {
                    assertEquals(PlainNumber.fallback(value), text);
                }
            }
        }
        assertTrue(taken > 20_000, "the shortcut took " + taken);
    }

    @Test
    void valuesWithoutAShortDecimalAreLeftToTheGeneralPath() {
        assertEquals(null, fast(1 / 3.0));
        assertEquals(null, fast(2.8722813232690143));
        assertEquals(null, fast(1e-7));
        assertEquals(null, fast(1e300));
        assertEquals(null, fast(Double.NaN));
        assertEquals(null, fast(Double.NEGATIVE_INFINITY));
        assertEquals("0.0000001", PlainNumber.format(1e-7));
        assertEquals("2.8722813232690143", PlainNumber.format(2.8722813232690143));
    }
}
