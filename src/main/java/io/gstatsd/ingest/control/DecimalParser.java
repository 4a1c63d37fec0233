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
                return slow(b, start, end);
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
