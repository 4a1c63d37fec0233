package io.gstatsd.configuration.entity;

import java.util.Locale;

/**
 * The sinks {@code -t} turns on: Graphite carbon servers (the {@code -s} addresses), the load sink's HTTP answers,
 * and the Prometheus sink's scrape endpoint. Several may be on at once ({@code -t graphite,prometheus}).
 */
public enum SinkType {
    GRAPHITE, LOAD, PROMETHEUS;

    public static SinkType parse(String text) {
        return SinkType.valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
