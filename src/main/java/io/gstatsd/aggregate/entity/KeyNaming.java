package io.gstatsd.aggregate.entity;

import io.gstatsd.configuration.entity.TagMode;

import java.util.Objects;

/**
 * How received keys and the server's own series are named: {@code prefix} (gstatsd's {@code -x}, "" for
 * none) before every received key, what becomes of their tags ({@code gstatsd.tags}), {@code prefixStats}
 * (Etsy's, "statsd") before the server's own, and whether keys are sanitised as they arrive (Etsy's
 * {@code keyNameSanitize}; without it a key is kept as Etsy keeps it, DogStatsD tags appended as Etsy does).
 */
public record KeyNaming(String prefix, TagMode tagMode, String prefixStats, boolean sanitize) {

    public KeyNaming {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(tagMode, "tagMode");
        if (prefixStats == null || prefixStats.isEmpty()) {
            throw new IllegalArgumentException("prefixStats must not be empty");
        }
    }

    /** Etsy's defaults with gstatsd's received-key prefix, tags as Graphite tagged series. */
    public static KeyNaming withPrefix(String prefix) {
        return new KeyNaming(prefix, TagMode.GRAPHITE, "statsd", true);
    }
}
