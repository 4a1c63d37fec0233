package io.gstatsd.aggregate.entity;

/**
 * A gauge's value at the end of an interval.
 *
 * @param written        whether a line set or changed it in the interval (false: it keeps its last value), which
 *                       tells a sink that forgets series after a time without lines (Prometheus) that the key is
 *                       still alive
 * @param receivedMillis when its last line arrived, on the wall clock (ms precision); 0 when unknown (a value
 *                       carried over from a previous process). Members of a cluster keep the value received last
 *                       anywhere.
 */
public record GaugeValue(String name, double value, boolean written, long receivedMillis) {

    /** A gauge written in the interval, its receive time unknown. */
    public GaugeValue(String name, double value) {
        this(name, value, true, 0);
    }

    public GaugeValue(String name, double value, boolean written) {
        this(name, value, written, 0);
    }

    public GaugeValue(String name, double value, long receivedMillis) {
        this(name, value, true, receivedMillis);
    }
}
