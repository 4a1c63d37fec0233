package io.gstatsd.configuration.entity;

import java.util.Locale;

/** What the {@code -s} addresses are: Graphite carbon servers, or the HTTP listener of the load sink. */
public enum SinkType {
    GRAPHITE, LOAD;

    public static SinkType parse(String text) {
        return SinkType.valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
