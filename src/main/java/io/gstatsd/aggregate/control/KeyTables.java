package io.gstatsd.aggregate.control;

/**
 * One receiver's raw-key tables, one per metric type. Both shards of a {@link ShardPair} use the same
 * tables: only the receiver thread ever looks keys up, and sharing halves the memory a key costs
 * (HeapPerKey: 249 bytes per counter key with a table per shard).
 */
record KeyTables(KeyTable counters, KeyTable timers, KeyTable gauges, KeyTable sets) {

    static KeyTables of(KeyRegistries registries, String prefix) {
        return new KeyTables(new KeyTable(registries.counters(), prefix), new KeyTable(registries.timers(), prefix),
                new KeyTable(registries.gauges(), prefix), new KeyTable(registries.sets(), prefix));
    }

    void remove(Retirement retirement) {
        counters.remove(retirement.counters());
        timers.remove(retirement.timers());
        gauges.remove(retirement.gauges());
        sets.remove(retirement.sets());
    }
}
