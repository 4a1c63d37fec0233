package io.gstatsd.graphite.entity;

/**
 * Etsy statsd's two Graphite naming schemes (graphite backend, default prefixes).
 * Legacy: {@code stats.K} rate and {@code stats_counts.K} count; new: {@code stats.counters.K.rate|count}.
 */
public enum Namespace {
    LEGACY("stats", "stats.timers", "stats.gauges", "stats.sets"),
    NEW("stats.counters", "stats.timers", "stats.gauges", "stats.sets");

    private final String counters;
    private final String timers;
    private final String gauges;
    private final String sets;

    Namespace(String counters, String timers, String gauges, String sets) {
        this.counters = counters;
        this.timers = timers;
        this.gauges = gauges;
        this.sets = sets;
    }

    public String counters() {
        return counters;
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

    /** Where the server's own figures go: {@code stats.statsd} in both schemes. */
    public String statsd() {
        return "stats.statsd";
    }

    /** {@code numStats}: Etsy writes it without "stats." in the legacy scheme. */
    public String numStats() {
        return this == LEGACY ? "statsd.numStats" : "stats.statsd.numStats";
    }
}
