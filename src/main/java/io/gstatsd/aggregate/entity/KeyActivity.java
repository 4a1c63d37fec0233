package io.gstatsd.aggregate.entity;

/**
 * When each live key was last active (the end of the last interval it was written in), by metric type:
 * what a restarted server needs to go on forgetting idle keys after {@code gstatsd.key-ttl} as if it had not
 * stopped.
 */
public record KeyActivity(KeyTimes counters, KeyTimes timers, KeyTimes gauges, KeyTimes sets) {

    /**
     * Parallel arrays: {@code names[i]} was last active at {@code lastActiveMillis[i]} (0: not flushed yet).
     * Not copied: never modify.
     */
    public record KeyTimes(String[] names, long[] lastActiveMillis) {

        public static final KeyTimes NONE = new KeyTimes(new String[0], new long[0]);

        public KeyTimes {
            if (names.length != lastActiveMillis.length) {
                throw new IllegalArgumentException(names.length + " names but " + lastActiveMillis.length + " times");
            }
        }

        public int size() {
            return names.length;
        }
    }

    public static final KeyActivity NONE = new KeyActivity(KeyTimes.NONE, KeyTimes.NONE, KeyTimes.NONE, KeyTimes.NONE);
}
