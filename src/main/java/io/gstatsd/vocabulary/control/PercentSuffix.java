package io.gstatsd.vocabulary.control;

/**
 * How Etsy statsd writes a percent threshold in a figure's name: the number as JavaScript prints it, its
 * dot as '_' ({@code 99.9} is {@code 99_9}) and a minus as {@code top} ({@code -10} is {@code top10}).
 */
public final class PercentSuffix {

    private PercentSuffix() {
    }

    public static String of(double percent) {
        return PlainNumber.format(percent).replaceFirst("\\.", "_").replaceFirst("-", "top");
    }
}
