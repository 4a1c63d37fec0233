package io.gstatsd.aggregate.control;

/**
 * The ids one drain retires, per metric type, for every receiver to drop from its raw-key tables before it
 * parses its next datagram. Immutable once posted.
 */
record Retirement(int[] counters, int[] timers, int[] gauges, int[] sets) {

    boolean isEmpty() {
        return counters.length == 0 && timers.length == 0 && gauges.length == 0 && sets.length == 0;
    }
}
