package io.gstatsd.configuration.control;

/** A setting that cannot be used; the message names the key and the value and is meant for the operator. */
public class InvalidConfigException extends RuntimeException {

    private final String key;

    public InvalidConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
