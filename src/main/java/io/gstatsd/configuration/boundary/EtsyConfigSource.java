package io.gstatsd.configuration.boundary;

import io.gstatsd.configuration.control.ConfigReader;
import io.gstatsd.configuration.control.EtsyConfigFile;
import io.gstatsd.configuration.control.InvalidConfigException;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The Etsy configuration file named by {@code gstatsd.etsy-config} (a system property, as {@code payara/gstatsd -c}
 * sets it, or {@code GSTATSD_ETSY_CONFIG}) as a MicroProfile ConfigSource: the {@code gstatsd.*} properties its
 * keys mean, below system properties (400) and environment variables (300), above the WAR's own
 * {@code microprofile-config.properties} (100). A file that does not parse gives no properties here;
 * {@link ConfigProducer} reads it again and fails the deployment with the line and column. Immutable.
 */
public class EtsyConfigSource implements ConfigSource {

    static final int ORDINAL = 250;

    private final Map<String, String> properties;

    public EtsyConfigSource() {
        this.properties = load(location());
    }

    /** Where the file is, or null: the same setting {@link ConfigReader} reads, from the two sources above this one. */
    static String location() {
        String property = System.getProperty(ConfigReader.ETSY_CONFIG);
        String value = property != null ? property : System.getenv("GSTATSD_ETSY_CONFIG");
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Map<String, String> load(String location) {
        if (location == null) {
            return Map.of();
        }
        try {
            return EtsyConfigFile.read(Path.of(location)).properties();
        } catch (InvalidConfigException e) {
            return Map.of();
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "Etsy statsd configuration file";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
