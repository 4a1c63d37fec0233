package io.gstatsd.graphite.entity;

import io.gstatsd.configuration.entity.GraphiteNaming;

/**
 * The Graphite names Etsy statsd 0.9's graphite backend gives each kind of series, from its
 * {@code graphite.*} options and {@code prefixStats}. In the legacy namespace (the default) counters are
 * {@code stats.K} (rate) and {@code stats_counts.K} (count) and the prefixes are ignored, as in Etsy; in the
 * new one they are {@code <globalPrefix>.<prefixCounter>.K.rate|count}, every empty prefix left out. The
 * global suffix goes after the whole name but before a key's tags. Immutable.
 */
public final class Namespace {

    /** Etsy's defaults: {@code stats.K}, {@code stats_counts.K}, {@code stats.timers.K...}. */
    public static final Namespace LEGACY = of(GraphiteNaming.etsyDefaults(true), "statsd");
    /** Etsy's defaults outside the legacy namespace: {@code stats.counters.K.rate|count}. */
    public static final Namespace NEW = of(GraphiteNaming.etsyDefaults(false), "statsd");

    private final boolean legacy;
    private final boolean flushCounts;
    private final String counters;
    private final String timers;
    private final String gauges;
    private final String sets;
    private final String suffix;
    private final String numStats;
    private final String statsd;

    private Namespace(boolean legacy, boolean flushCounts, String counters, String timers, String gauges, String sets,
                      String suffix, String numStats, String statsd) {
        this.legacy = legacy;
        this.flushCounts = flushCounts;
        this.counters = counters;
        this.timers = timers;
        this.gauges = gauges;
        this.sets = sets;
        this.suffix = suffix;
        this.numStats = numStats;
        this.statsd = statsd;
    }

    public static Namespace of(GraphiteNaming naming, String prefixStats) {
        String suffix = naming.globalSuffix().isEmpty() ? "" : "." + naming.globalSuffix();
        if (naming.legacyNamespace()) {
            return new Namespace(true, naming.flushCounts(), "stats", "stats.timers", "stats.gauges", "stats.sets",
                    suffix, prefixStats + ".numStats" + suffix, "stats." + prefixStats);
        }
        String global = naming.globalPrefix();
        String statsd = join(global, prefixStats);
        return new Namespace(false, naming.flushCounts(), join(global, naming.prefixCounter()),
                join(global, naming.prefixTimer()), join(global, naming.prefixGauge()), join(global, naming.prefixSet()),
                suffix, statsd + ".numStats" + suffix, statsd);
    }

    /** Etsy's {@code [a, b].join('.')} of the parts that are set. */
    private static String join(String first, String second) {
        if (first.isEmpty()) {
            return second;
        }
        return second.isEmpty() ? first : first + "." + second;
    }

    public boolean legacy() {
        return legacy;
    }

    /** Etsy's {@code flush_counts}: whether a counter's count is sent beside its rate. */
    public boolean flushCounts() {
        return flushCounts;
    }

    /** Before a counter's key; "" when the key comes first. */
    public String counters() {
        return counters;
    }

    /** Before a legacy counter's count: {@code stats_counts}. */
    public String counts() {
        return "stats_counts";
    }

    public String timers() {
        return timers;
    }

    public String gauges() {
        return gauges;
    }

    public String sets() {
        return sets;
    }

    /** {@code .<globalSuffix>}, or "" without one: after every name, before a key's tags. */
    public String suffix() {
        return suffix;
    }

    /** Where the server's own figures go: {@code stats.statsd} in both default schemes. */
    public String statsd() {
        return statsd;
    }

    /** {@code numStats}, suffix included: Etsy writes it without "stats." in the legacy scheme. */
    public String numStats() {
        return numStats;
    }

    /** One of the server's own figures by name, as {@code stats.statsd.processing_time}, suffix included. */
    public String statsdFigure(String figure) {
        return statsd + "." + figure + suffix;
    }
}
