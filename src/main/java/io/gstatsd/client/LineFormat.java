package io.gstatsd.client;

import java.math.BigDecimal;

/**
 * Writes statsd lines exactly as the server parses them: numbers in plain decimal notation with a '.'
 * whatever the default Locale, no exponent, and keys checked for the characters that would break a line.
 * Stateless.
 */
final class LineFormat {

    private LineFormat() {
    }

    /**
     * @throws IllegalArgumentException for a null or empty key, or one holding ':', '|', '@', '#', or a line
     *                                  break, which would change the line's meaning; the server sanitises the rest
     */
    static String checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a statsd key must not be null or empty");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == ':' || c == '|' || c == '@' || c == '#' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException("statsd key \"" + key + "\" holds '" + printable(c)
                        + "', which would break the line");
            }
        }
        return key;
    }

    private static String printable(char c) {
        return c == '\n' ? "\\n" : c == '\r' ? "\\r" : String.valueOf(c);
    }

    static void number(StringBuilder out, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
        }
    }

    static void rate(StringBuilder out, double sampleRate) {
        if (sampleRate < 1.0) {
            out.append("|@");
            number(out, sampleRate);
        }
    }

    static void checkRate(double sampleRate) {
        if (!(sampleRate > 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("sample rate must be in (0, 1], got " + sampleRate);
        }
    }
}
