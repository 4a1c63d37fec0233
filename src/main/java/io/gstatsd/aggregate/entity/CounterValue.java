package io.gstatsd.aggregate.entity;

/** A counter's sum over one interval, sample rates applied. */
public record CounterValue(String name, double value) {
}
