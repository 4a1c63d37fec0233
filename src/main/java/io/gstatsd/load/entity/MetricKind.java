package io.gstatsd.load.entity;

/** The four statsd metric types as the load sink keeps them; a key may be of several at once. */
public enum MetricKind {
    COUNTER("counter"), TIMER("timer"), GAUGE("gauge"), SET("set");

    private final String label;

    MetricKind(String label) {
        this.label = label;
    }

    /** The name the live page's JSON gives it. */
    public String label() {
        return label;
    }

    /** Counters, timers and sets count something, so a minute without the key is 0; a gauge has no value then. */
    public boolean counts() {
        return this != GAUGE;
    }
}
