package io.gstatsd.aggregate.control;

import io.gstatsd.aggregate.entity.KeyNaming;
import io.gstatsd.configuration.entity.TagMode;

/**
 * One receiver's raw-key tables, one per metric type. Both shards of a {@link ShardPair} use the same
 * tables: only the receiver thread ever looks keys up, and sharing halves the memory a key costs
 * (HeapPerKey: 249 bytes per counter key with a table per shard).
 */
record KeyTables(KeyTable counters, KeyTable timers, KeyTable gauges, KeyTable sets) {

    static KeyTables of(KeyRegistries registries, String prefix, TagMode tagMode) {
        return new KeyTables(new KeyTable(registries.counters(), prefix, tagMode),
                new KeyTable(registries.timers(), prefix, tagMode), new KeyTable(registries.gauges(), prefix, tagMode),
                new KeyTable(registries.sets(), prefix, tagMode));
    }

    static KeyTables of(KeyRegistries registries, KeyNaming naming) {
        return new KeyTables(table(registries.counters(), naming), table(registries.timers(), naming),
                table(registries.gauges(), naming), table(registries.sets(), naming));
    }

    private static KeyTable table(KeyRegistry registry, KeyNaming naming) {
        return new KeyTable(registry, naming.prefix(), naming.tagMode(), naming.sanitize());
    }

    void retire(Retirement retirement) {
        counters.retire(retirement.counters());
        timers.retire(retirement.timers());
        gauges.retire(retirement.gauges());
        sets.retire(retirement.sets());
    }

    /** A little of the deferred work per datagram: 64 ids of each type. */
    void sweep() {
        if (counters.hasRetired() || timers.hasRetired() || gauges.hasRetired() || sets.hasRetired()) {
            counters.sweep(64);
            timers.sweep(64);
            gauges.sweep(64);
            sets.sweep(64);
        }
    }
}
