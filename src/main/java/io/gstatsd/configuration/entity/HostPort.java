package io.gstatsd.configuration.entity;


/**
 * A {@code [host]:port} as gstatsd's options write it: {@code 2003}, {@code :8125}, {@code foo:8126},
 * {@code [::1]:8125}. An empty host means "the default for this use" (every interface for a bind,
 * localhost for a sink), decided by the caller, because the same text means both.
 */
public record HostPort(String host, int port) {

    public HostPort {
        if (host == null) {
            throw new IllegalArgumentException("host must not be null; use \"\" for the default host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code [host]:port}; the message of the exception says what is wrong, not where it came from. */
    public static HostPort parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("expected [host]:port, got an empty value");
        }
        String host;
        String port;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0 || close + 1 >= trimmed.length() || trimmed.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("expected [ipv6]:port, got \"" + text + "\"");
            }
            host = trimmed.substring(1, close);
            port = trimmed.substring(close + 2);
        } else {
            int colon = trimmed.lastIndexOf(':');
            if (colon < 0) {
                host = "";
                port = trimmed;
            } else {
                host = trimmed.substring(0, colon);
                port = trimmed.substring(colon + 1);
                if (host.indexOf(':') >= 0) {
                    throw new IllegalArgumentException("an IPv6 host needs brackets, as in [::1]:8125, got \"" + text + "\"");
                }
            }
        }
        return new HostPort(host, parsePort(port, text));
    }

    private static int parsePort(String port, String text) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("expected [host]:port with a numeric port, got \"" + text + "\"");
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got \"" + text + "\"");
        }
        return value;
    }

    public boolean hasHost() {
        return !host.isEmpty();
    }

    @Override
    public String toString() {
        if (host.indexOf(':') >= 0) {
            return "[" + host + "]:" + port;
        }
        return host + ":" + port;
    }
}
