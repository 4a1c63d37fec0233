package io.gstatsd.ingest.control;

import io.gstatsd.vocabulary.control.KeyCanonicalizer;
import io.gstatsd.vocabulary.control.MetricConsumer;
import io.gstatsd.vocabulary.entity.BadLine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes down what the parser reports, one readable string per metric, for table tests: the key in the
 * canonical Graphite form the aggregation will give it, then type, value, rate and any client timestamp.
 */
final class RecordingConsumer implements MetricConsumer {

    final List<String> metrics = new ArrayList<>();
    final List<String> rawKeys = new ArrayList<>();
    final List<BadLine> bad = new ArrayList<>();
    int packets;
    int lines;
    int unknownFields;

    @Override
    public void packet() {
        packets++;
    }

    @Override
    public void line() {
        lines++;
    }

    @Override
    public void counter(byte[] buf, int keyOffset, int keyLength, double value, double sampleRate, long epochSeconds) {
        add(buf, keyOffset, keyLength, " c " + value + " @" + sampleRate, epochSeconds);
    }

    @Override
    public void timer(byte[] buf, int keyOffset, int keyLength, double value, double sampleRate, long epochSeconds) {
        add(buf, keyOffset, keyLength, " ms " + value + " @" + sampleRate, epochSeconds);
    }

    @Override
    public void gauge(byte[] buf, int keyOffset, int keyLength, double value, boolean delta, long epochSeconds) {
        add(buf, keyOffset, keyLength, " g " + (delta ? "delta " : "") + value, epochSeconds);
    }

    @Override
    public void set(byte[] buf, int keyOffset, int keyLength, byte[] memberBuf, int memberOffset, int memberLength,
                    long epochSeconds) {
        add(buf, keyOffset, keyLength, " s [" + text(memberBuf, memberOffset, memberLength) + "]", epochSeconds);
    }

    @Override
    public void unknownField() {
        unknownFields++;
    }

    @Override
    public void badLine(BadLine reason) {
        bad.add(reason);
    }

    private void add(byte[] buf, int keyOffset, int keyLength, String metric, long epochSeconds) {
        rawKeys.add(text(buf, keyOffset, keyLength));
        metrics.add(KeyCanonicalizer.graphiteTagged(buf, keyOffset, keyLength) + metric
                + (epochSeconds == NOW ? "" : " T" + epochSeconds));
    }

    private static String text(byte[] buf, int offset, int length) {
        return new String(buf, offset, length, StandardCharsets.UTF_8);
    }
}
