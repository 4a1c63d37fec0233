package io.gstatsd.vocabulary.control;

import java.math.BigDecimal;

/**
 * Writes numbers as JavaScript's {@code Number#toString} does for the values statsd produces (so the text
 * matches Etsy statsd's), except that it never uses exponent notation: integers without ".0", others in
 * their shortest round-tripping decimal form. Stateless.
 * <p>
 * A flush writes millions of numbers, and {@link Double#toString} costs 60-200 ns each on Java 17, so the
 * common values are written without it: integers, and decimals of at most 15 significant digits and
 * {@value #MAX_FAST_DECIMALS} decimal places (a rate of 25 per 10 s, a mean of 5.5 ms). No other decimal of
 * at most 15 significant digits rounds to the same double, so such a decimal is the shortest text of it;
 * the rest go through {@link Double#toString}.
 */
public final class PlainNumber {

    /** Bytes {@link #writeFast} may need: a sign, 16 digits and a point. */
    public static final int MAX_FAST_BYTES = 20;

    private static final double LONG_SAFE = 9.007199254740992E15;
    private static final double FAST_LIMIT = 1e15;
    private static final int MAX_FAST_DECIMALS = 6;
    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private PlainNumber() {
    }

    public static String format(double value) {
        StringBuilder out = new StringBuilder(24);
        append(out, value);
        return out.toString();
    }

    public static void append(StringBuilder out, double value) {
        byte[] fast = new byte[MAX_FAST_BYTES];
        int end = writeFast(value, fast, 0);
        if (end >= 0) {
            for (int i = 0; i < end; i++) {
                out.append((char) fast[i]);
            }
        } else {
            out.append(fallback(value));
        }
    }

    /**
     * Writes the value's text as ASCII into {@code dst} from {@code offset}, which needs
     * {@link #MAX_FAST_BYTES} bytes of room, and returns where it ends; or returns -1, writing nothing
     * meaningful, for a value that only {@link #format} can write.
     */
    public static int writeFast(double value, byte[] dst, int offset) {
        if (value == Math.rint(value) && Math.abs(value) < LONG_SAFE) {
            return writeLong((long) value, dst, offset);
        }
        double magnitude = Math.abs(value);
        if (!(magnitude < FAST_LIMIT)) {
            return -1;
        }
        for (int places = 1; places <= MAX_FAST_DECIMALS; places++) {
            double scaled = magnitude * POWERS[places];
            if (scaled >= FAST_LIMIT) {
                return -1;
            }
            long digits = Math.round(scaled);
            // Both operands are exact doubles and the division rounds correctly: equal means this decimal
            // reads back as the value.
            if (digits / (double) POWERS[places] == magnitude) {
                int at = offset;
                if (value < 0) {
                    dst[at++] = '-';
                }
                at = writeLong(digits / POWERS[places], dst, at);
                dst[at++] = '.';
                long fraction = digits % POWERS[places];
                for (int place = places - 1; place >= 0; place--) {
                    dst[at++] = (byte) ('0' + (fraction / POWERS[place]) % 10);
                }
                return at;
            }
        }
        return -1;
    }

    private static int writeLong(long value, byte[] dst, int offset) {
        if (value == 0) {
            dst[offset] = '0';
            return offset + 1;
        }
        int at = offset;
        long rest = value;
        if (rest < 0) {
            dst[at++] = '-';
            rest = -rest;
        }
        int digits = 1;
        for (long bound = 10; digits < 19 && rest >= bound; bound *= 10) {
            digits++;
        }
        int end = at + digits;
        for (int i = end - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return end;
    }

    /** The text of a value that {@link #writeFast} declines. */
    public static String fallback(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : value < 0 ? "-Infinity" : "NaN";
        }
        String shortest = Double.toString(value);
        if (shortest.indexOf('E') < 0) {
            return shortest;
        }
        return new BigDecimal(shortest).stripTrailingZeros().toPlainString();
    }
}
