package io.gstatsd.configuration.boundary;

import io.gstatsd.configuration.control.ConfigReader;
import io.gstatsd.configuration.control.EtsyConfigFile;
import io.gstatsd.configuration.control.InvalidConfigException;
import io.gstatsd.configuration.entity.EtsyConfig;
import io.gstatsd.configuration.entity.ServerConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Reads every {@code gstatsd.*} setting from MicroProfile Config (system properties, environment such as
 * {@code GSTATSD_FLUSH_INTERVAL}, an Etsy configuration file ({@link EtsyConfigSource}),
 * {@code microprofile-config.properties}) once, and validates it; a bad value fails the deployment with a
 * message naming the key and the value.
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
        if (!config.etsyConfig().isEmpty()) {
            warnAboutUnsupportedKeys(Path.of(config.etsyConfig()));
        }
    }

    /** One warning for everything in the Etsy file that gstatsd ignores; a file that does not parse fails here. */
    private static void warnAboutUnsupportedKeys(Path file) {
        EtsyConfig etsy;
        try {
            etsy = EtsyConfigFile.read(file);
        } catch (InvalidConfigException e) {
            LOG.severe("gstatsd: " + e.getMessage());
            throw e;
        }
        if (!etsy.unsupported().isEmpty()) {
            LOG.warning("gstatsd: " + file + ": not supported, ignored: " + String.join("; ", etsy.unsupported()));
        }
    }

    @Produces
    public ServerConfig serverConfig() {
        return config;
    }
}
