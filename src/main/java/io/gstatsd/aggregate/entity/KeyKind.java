package io.gstatsd.aggregate.entity;

/** The metric types, each with its own key space. */
public enum KeyKind {
    COUNTER, TIMER, GAUGE, SET
}
