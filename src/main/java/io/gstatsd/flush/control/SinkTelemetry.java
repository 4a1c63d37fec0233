package io.gstatsd.flush.control;

/**
 * A sink's own figures for the telemetry endpoint, read at scrape time. Counts are since start-up.
 *
 * @param bytes            bytes delivered (Graphite: written to carbon; Prometheus: exposition text served)
 * @param failures         delivery attempts that failed (Graphite: a connect or write; Prometheus: a scrape answer)
 * @param queueDepth       flushes taken and not yet delivered (waiting for the sink's thread, or queued for
 *                         an unreachable carbon)
 * @param droppedFlushes   flushes dropped from a full queue
 * @param lastFlushSeconds how long the sink's last delivery took (Graphite: the write to carbon; others: folding
 *                         the flush in)
 */
public record SinkTelemetry(long bytes, long failures, int queueDepth, long droppedFlushes, double lastFlushSeconds) {

    public static final SinkTelemetry NONE = new SinkTelemetry(0, 0, 0, 0, 0);
}
