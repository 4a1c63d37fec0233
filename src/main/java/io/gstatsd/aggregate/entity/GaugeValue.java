package io.gstatsd.aggregate.entity;

/**
 * A gauge's value at the end of an interval.
 *
 * @param written whether a line set or changed it in the interval (false: it keeps its last value), which tells
 *                a sink that forgets series after a time without lines (Prometheus) that the key is still alive
 */
public record GaugeValue(String name, double value, boolean written) {

    /** A gauge written in the interval. */
    public GaugeValue(String name, double value) {
        this(name, value, true);
    }
}
