package io.gstatsd.configuration.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.gstatsd.configuration.entity.EtsyConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an Etsy statsd configuration file ({@code payara/gstatsd -c config.js}, {@code gstatsd.etsy-config}):
 * a file that cannot be read or does not parse is an {@link InvalidConfigException} naming the file, the
 * line and the column. Stateless.
 */
public final class EtsyConfigFile {

    private EtsyConfigFile() {
    }

    /** The file's object, keys in the file's order. */
    public static JsonNode parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigException(ConfigReader.ETSY_CONFIG,
                    "cannot read the Etsy configuration file " + file + ": " + describe(e));
        }
        try {
            return LenientJson.parse(text);
        } catch (LenientJson.SyntaxException e) {
            throw new InvalidConfigException(ConfigReader.ETSY_CONFIG, file + ": " + e.getMessage());
        }
    }

    /** The {@code gstatsd.*} properties the file means, and what it holds that gstatsd does not support. */
    public static EtsyConfig read(Path file) {
        JsonNode root = parse(file);
        try {
            return EtsyConfigMapping.map(root);
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException(e.key(), file + ": " + e.getMessage());
        }
    }

    /**
     * A bad value that came from the file, reported under the Etsy key the operator wrote:
     * {@code config.js: flushInterval: gstatsd.flush-interval must be > 0 seconds...}; others unchanged.
     */
    public static InvalidConfigException attributed(InvalidConfigException e, EtsyConfig etsy, Path file) {
        String origin = etsy.origins().get(e.key());
        if (origin == null) {
            return e;
        }
        return new InvalidConfigException(e.key(), file + ": " + origin + ": " + e.getMessage());
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.toString();
    }
}
