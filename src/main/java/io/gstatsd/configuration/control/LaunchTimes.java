package io.gstatsd.configuration.control;

/**
 * When {@code payara/gstatsd} started and when it bound the UDP socket it hands over, as it tells the server in
 * system properties: the start-up time counts from the command (the launcher's JVM and Payara's boot included),
 * not from this JVM's start.
 */
public final class LaunchTimes {

    /** Set by payara/gstatsd: the epoch milliseconds of its start and of the bind (absent without a bound socket). */
    public static final String LAUNCHED_PROPERTY = "io.gstatsd.launch.started-millis";
    public static final String BOUND_PROPERTY = "io.gstatsd.launch.udp-bound-millis";

    private LaunchTimes() {
    }

    /** Milliseconds from payara/gstatsd's start to now, or -1 when it did not say when it started. */
    public static long millisSinceLaunch(long nowMillis) {
        Long started = Long.getLong(LAUNCHED_PROPERTY);
        return started == null ? -1 : nowMillis - started;
    }

    /** Milliseconds from payara/gstatsd's start to the bind of the socket it handed over, or -1. */
    public static long boundAfterMillis() {
        Long started = Long.getLong(LAUNCHED_PROPERTY);
        Long bound = Long.getLong(BOUND_PROPERTY);
        return started == null || bound == null ? -1 : bound - started;
    }
}
