package io.gstatsd.ingest.entity;

/** The statsd metric types; each has its own key space, as in Etsy statsd. */
public enum MetricType {
    COUNTER, TIMER, GAUGE, SET
}
