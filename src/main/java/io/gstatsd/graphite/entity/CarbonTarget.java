package io.gstatsd.graphite.entity;

/**
 * Where a Graphite sink delivers: a carbon plaintext listener, and how long connecting and each write may go
 * without progress before the attempt is given up.
 *
 * @param host resolved again at each connect, so a carbon that moved is followed; the caller names the default
 */
public record CarbonTarget(String host, int port, long timeoutMillis) {

    public CarbonTarget {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host must be named (the caller picks the default), got \"" + host + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("timeoutMillis must be >= 1, got " + timeoutMillis);
        }
    }

    /** As the logs name the sink: {@code graphite host:port}, an IPv6 host in brackets. */
    @Override
    public String toString() {
        return "graphite " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
