package io.gstatsd.aggregate.entity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Etsy statsd's admin commands {@code counters}, {@code timers} and {@code gauges} show: the current
 * interval's counter sums (the server's own first), each timer's samples in arrival order ({@code []} for an
 * idle one that is not deleted), every gauge's value. Keys in registration order. Immutable.
 */
public record LiveMetrics(Map<String, Double> counters, Map<String, double[]> timers, Map<String, Double> gauges) {

    public LiveMetrics {
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
        timers = Collections.unmodifiableMap(new LinkedHashMap<>(timers));
        gauges = Collections.unmodifiableMap(new LinkedHashMap<>(gauges));
    }

    public Map<String, ?> of(KeyKind kind) {
        return switch (kind) {
            case COUNTER -> counters;
            case TIMER -> timers;
            case GAUGE -> gauges;
            case SET -> Map.of();
        };
    }
}
