package io.gstatsd.ingest.control;

import java.nio.charset.StandardCharsets;

/**
 * Parses a decimal number from bytes without allocating in the common case. Accepts what statsd clients
 * send: optional sign, digits, optional fraction, optional exponent, surrounding spaces. Rejects NaN,
 * Infinity, hex and anything that overflows to infinity, by returning {@link Double#NaN}.
 * <p>
 * Stateless and thread-safe.
 */
public final class DecimalParser {

    /** Powers of ten that are exact doubles; dividing an exact mantissa by one rounds correctly. */
    private static final double[] POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };
    private static final long EXACT_MANTISSA = 1L << 53;

    private DecimalParser() {
    }

    /** @return the value, or NaN when the bytes are not a finite decimal number */
    public static double parse(byte[] b, int start, int end) {
        while (start < end && b[start] == ' ') {
            start++;
        }
        while (end > start && b[end - 1] == ' ') {
            end--;
        }
        if (start >= end) {
            return Double.NaN;
        }
        int i = start;
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        boolean dot = false;
        for (; i < end; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    if (mantissa != 0) {
                        digits++;
                    }
                    if (dot) {
                        scale++;
                    }
                } else {
                    return slow(b, start, end);
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else if (c == 'e' || c == 'E') {
                return withExponent(b, start, end, i + 1, mantissa, scale, negative);
            } else {
                return Double.NaN;
            }
        }
        if (!hasDigit(b, start, end)) {
            return Double.NaN;
        }
        if (mantissa >= EXACT_MANTISSA || scale >= POWERS.length) {
            return slow(b, start, end);
        }
        double value = scale == 0 ? mantissa : mantissa / POWERS[scale];
        return negative ? -value : value;
    }

    /**
     * {@code mantissa * 10^(exponent - scale)} without a String when both factors are exact doubles (Clinger's
     * fast path: one correctly rounded operation); Python writes sample rates below 0.0001 as {@code 1e-05}, on
     * every line of such a key.
     */
    private static double withExponent(byte[] b, int start, int end, int exponentStart, long mantissa, int scale,
                                       boolean negative) {
        int i = exponentStart;
        boolean negativeExponent = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negativeExponent = b[i] == '-';
            i++;
        }
        if (i == end || end - i > 3 || !hasDigit(b, start, exponentStart - 1)) {
            return slow(b, start, end);
        }
        int exponent = 0;
        for (; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return Double.NaN;
            }
            exponent = exponent * 10 + (b[i] - '0');
        }
        int power = (negativeExponent ? -exponent : exponent) - scale;
        if (mantissa >= EXACT_MANTISSA || power <= -POWERS.length || power >= POWERS.length) {
            return slow(b, start, end);
        }
        double value = power >= 0 ? mantissa * POWERS[power] : mantissa / POWERS[-power];
        return negative ? -value : value;
    }

    private static boolean hasDigit(byte[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            if (b[i] >= '0' && b[i] <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Long mantissas and exponents: rare, so a String is acceptable here. */
    private static double slow(byte[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            byte c = b[i];
            boolean allowed = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+';
            if (!allowed) {
                return Double.NaN;
            }
        }
        try {
            double value = Double.parseDouble(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
