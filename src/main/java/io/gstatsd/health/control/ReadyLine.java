package io.gstatsd.health.control;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The one line the console shows when gstatsd is ready. Scripts and tests wait for its {@code " ready in "}
 * and read the {@code "receiving statsd on UDP"} part, so both stay as they are.
 */
public final class ReadyLine {

    private ReadyLine() {
    }

    /**
     * @param receiving       the UDP part, one {@code receiving statsd on UDP ...} per bind address
     * @param httpAddress     the health and telemetry listener, or null when Payara picks a free port
     * @param startupMillis   from JVM start to now
     */
    public static String text(String version, String receiving, List<?> sinks, long flushIntervalMillis,
                              String httpAddress, long startupMillis) {
        return "gstatsd " + version + " ready in " + String.format(Locale.ROOT, "%.1f", startupMillis / 1000.0) + " s: "
                + receiving
                + "; flushing every " + BigDecimal.valueOf(flushIntervalMillis, 3).stripTrailingZeros().toPlainString()
                + " s to " + (sinks.isEmpty() ? "no sink" : String.join(", ", sinks.stream().map(Object::toString).toList()))
                + (httpAddress == null ? "" : "; health at http://" + httpAddress + "/health");
    }
}
