package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.Snapshot;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A drained snapshot's counters and gauges by name, for tests to compare; a name flushed twice fails the test. */
final class SnapshotMaps {

    private SnapshotMaps() {
    }

    static Map<String, Double> counters(Snapshot snapshot) {
        return counters(snapshot.counters());
    }

    static Map<String, Double> counters(List<CounterValue> counters) {
        return counters.stream().collect(Collectors.toMap(CounterValue::name, CounterValue::value));
    }

    static Map<String, Double> gauges(Snapshot snapshot) {
        return gauges(snapshot.gauges());
    }

    static Map<String, Double> gauges(List<GaugeValue> gauges) {
        return gauges.stream().collect(Collectors.toMap(GaugeValue::name, GaugeValue::value));
    }
}
