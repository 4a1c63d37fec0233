package io.gstatsd.configuration.entity;

import java.util.List;
import java.util.Map;

/**
 * An Etsy statsd configuration file as gstatsd reads it: the {@code gstatsd.*} properties its keys mean, the
 * Etsy key each property came from (so a bad value is reported under the name the operator wrote), and the
 * keys (or values) gstatsd does not support, each with why, for one warning at start-up.
 */
public record EtsyConfig(Map<String, String> properties, Map<String, String> origins, List<String> unsupported) {

    public EtsyConfig {
        properties = Map.copyOf(properties);
        origins = Map.copyOf(origins);
        unsupported = List.copyOf(unsupported);
    }
}
