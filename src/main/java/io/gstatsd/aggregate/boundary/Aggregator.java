package io.gstatsd.aggregate.boundary;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.control.KeyRegistries;
import io.gstatsd.aggregate.entity.KeyNaming;
import io.gstatsd.configuration.entity.ServerConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Holds the server's one {@link Aggregation}: receivers write into it, the flush timer drains it. */
@ApplicationScoped
public class Aggregator {

    @Inject
    ServerConfig config;

    private Aggregation aggregation;

    @PostConstruct
    void create() {
        aggregation = new Aggregation(KeyRegistries.withMaxKeys(config.maxKeys()),
                new KeyNaming(config.prefix(), config.tagMode(), config.prefixStats(), config.keyNameSanitize()),
                config.deletion(), config.keyTtlMillis(), config.flushIntervalMillis(), System::nanoTime);
    }

    public Aggregation aggregation() {
        return aggregation;
    }
}
