package io.gstatsd.graphite.control;

import java.math.BigDecimal;

/**
 * Writes numbers as JavaScript's {@code Number#toString} does for the values statsd produces (so the text
 * matches Etsy statsd's), except that it never uses exponent notation: integers without ".0", others in
 * their shortest round-tripping decimal form. Stateless.
 */
public final class PlainNumber {

    private static final double LONG_SAFE = 9.007199254740992E15;

    private PlainNumber() {
    }

    public static String format(double value) {
        StringBuilder out = new StringBuilder(24);
        append(out, value);
        return out.toString();
    }

    public static void append(StringBuilder out, double value) {
        if (value == Math.rint(value) && Math.abs(value) < LONG_SAFE) {
            out.append((long) value);
        } else if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append(value > 0 ? "Infinity" : value < 0 ? "-Infinity" : "NaN");
        } else {
            String shortest = Double.toString(value);
            if (shortest.indexOf('E') < 0) {
                out.append(shortest);
            } else {
                out.append(new BigDecimal(shortest).stripTrailingZeros().toPlainString());
            }
        }
    }
}
