package io.gstatsd.aggregate.entity;

/**
 * A gauge's value at the end of an interval.
 *
 * @param receivedMillis when its last line arrived, on the wall clock (ms precision, as the interval's end
 *                       places it); 0 when unknown (a value carried over from a previous process). Members of a
 *                       cluster keep the value received last anywhere.
 */
public record GaugeValue(String name, double value, long receivedMillis) {

    public GaugeValue(String name, double value) {
        this(name, value, 0);
    }
}
