package io.gstatsd.configuration.boundary;

import io.gstatsd.configuration.control.ConfigReader;
import io.gstatsd.configuration.control.InvalidConfigException;
import io.gstatsd.configuration.entity.ServerConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.logging.Logger;

/**
 * Reads every {@code gstatsd.*} setting from MicroProfile Config (system properties, environment such as
 * {@code GSTATSD_FLUSH_INTERVAL}, {@code microprofile-config.properties}) once, and validates it; a bad
 * value fails the deployment with a message naming the key and the value.
 */
@ApplicationScoped
public class ConfigProducer {

    private static final Logger LOG = Logger.getLogger(ConfigProducer.class.getName());

    private ServerConfig config;

    @PostConstruct
    void read() {
        Config source = ConfigProvider.getConfig();
        try {
            config = ConfigReader.read(key -> source.getOptionalValue(key, String.class).orElse(null));
        } catch (InvalidConfigException e) {
            LOG.severe("gstatsd: " + e.getMessage());
            throw e;
        }
        LOG.info("gstatsd configuration: " + config);
    }

    @Produces
    public ServerConfig serverConfig() {
        return config;
    }
}
