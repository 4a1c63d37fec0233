package io.gstatsd.configuration.entity;

/**
 * Etsy statsd's deletion of idle keys, per metric type ({@code deleteCounters}, {@code deleteTimers},
 * {@code deleteGauges}, {@code deleteSets}, each defaulting to {@code deleteIdleStats}): a deleted key sends
 * nothing until it is written again, instead of 0 (or, for a gauge, its last value). A gauge is deleted
 * after {@code gaugesMaxTtl} flushes without a write.
 */
public record IdleDeletion(boolean counters, boolean timers, boolean gauges, boolean sets, int gaugesMaxTtl) {

    public IdleDeletion {
        if (gaugesMaxTtl < 1) {
            throw new IllegalArgumentException("gaugesMaxTtl must be >= 1, got " + gaugesMaxTtl);
        }
    }

    /** Every type deleted when idle for one interval, or none: Etsy's {@code deleteIdleStats} alone. */
    public static IdleDeletion all(boolean delete) {
        return new IdleDeletion(delete, delete, delete, delete, 1);
    }
}
