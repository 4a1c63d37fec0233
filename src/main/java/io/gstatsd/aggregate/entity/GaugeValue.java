package io.gstatsd.aggregate.entity;

/** A gauge's value at the end of an interval. */
public record GaugeValue(String name, double value) {
}
