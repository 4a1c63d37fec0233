package io.gstatsd.configuration.entity;

import java.util.Locale;

/** What becomes of a metric's tags ({@code gstatsd.tags}). */
public enum TagMode {
    /** Graphite tagged series: {@code name;env=prod;region=eu}, tags sorted as carbon stores them. */
    GRAPHITE,
    /** Tags are dropped: every tag combination of a name counts under the name alone. */
    DROP,
    /** Tags folded into the dotted name, {@code name.env_prod.region_eu}, for Graphite without a tag database. */
    NAME;

    public static TagMode parse(String text) {
        return TagMode.valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
