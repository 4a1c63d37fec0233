package io.gstatsd.vocabulary.control;

/**
 * Etsy statsd's timestamps: {@code Math.round(new Date().getTime() / 1000)}, half a second rounding up.
 * Every Graphite timestamp and every second-resolution time of the server goes through here, so two parts
 * of the server never disagree on which second a flush belongs to.
 */
public final class EpochSeconds {

    private EpochSeconds() {
    }

    public static long of(long epochMillis) {
        return Math.floorDiv(epochMillis + 500, 1000);
    }
}
