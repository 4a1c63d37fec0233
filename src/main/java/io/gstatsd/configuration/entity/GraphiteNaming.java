package io.gstatsd.configuration.entity;

import java.util.Objects;

/**
 * How Etsy statsd's graphite backend names series: {@code graphite.legacyNamespace},
 * {@code graphite.globalPrefix}, {@code graphite.prefixCounter}, {@code prefixTimer}, {@code prefixGauge},
 * {@code prefixSet} (each "" for none; the prefixes apply only outside the legacy namespace, as in Etsy),
 * {@code graphite.globalSuffix} ("" for none), and {@code flush_counts} (whether counts are sent beside rates).
 */
public record GraphiteNaming(boolean legacyNamespace, String globalPrefix, String prefixCounter, String prefixTimer,
                             String prefixGauge, String prefixSet, String globalSuffix, boolean flushCounts) {

    public GraphiteNaming {
        Objects.requireNonNull(globalPrefix, "globalPrefix");
        Objects.requireNonNull(prefixCounter, "prefixCounter");
        Objects.requireNonNull(prefixTimer, "prefixTimer");
        Objects.requireNonNull(prefixGauge, "prefixGauge");
        Objects.requireNonNull(prefixSet, "prefixSet");
        Objects.requireNonNull(globalSuffix, "globalSuffix");
    }

    /** Etsy's defaults, in the legacy namespace or not. */
    public static GraphiteNaming etsyDefaults(boolean legacyNamespace) {
        return new GraphiteNaming(legacyNamespace, "stats", "counters", "timers", "gauges", "sets", "", true);
    }
}
