package io.gstatsd.ingest.control;

import io.gstatsd.vocabulary.control.MetricConsumer;

import io.gstatsd.vocabulary.entity.BadLine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes down what the parser reports, one readable string per metric, for table tests. */
final class RecordingConsumer implements MetricConsumer {

    final List<String> metrics = new ArrayList<>();
    final List<BadLine> bad = new ArrayList<>();
    int packets;
    int lines;

    @Override
    public void packet() {
        packets++;
    }

    @Override
    public void line() {
        lines++;
    }

    @Override
    public void counter(byte[] buf, int keyOffset, int keyLength, double value, double sampleRate) {
        metrics.add(text(buf, keyOffset, keyLength) + " c " + value + " @" + sampleRate);
    }

    @Override
    public void timer(byte[] buf, int keyOffset, int keyLength, double value, double sampleRate) {
        metrics.add(text(buf, keyOffset, keyLength) + " ms " + value + " @" + sampleRate);
    }

    @Override
    public void gauge(byte[] buf, int keyOffset, int keyLength, double value, boolean delta) {
        metrics.add(text(buf, keyOffset, keyLength) + " g " + (delta ? "delta " : "") + value);
    }

    @Override
    public void set(byte[] buf, int keyOffset, int keyLength, byte[] memberBuf, int memberOffset, int memberLength) {
        metrics.add(text(buf, keyOffset, keyLength) + " s [" + text(memberBuf, memberOffset, memberLength) + "]");
    }

    @Override
    public void badLine(BadLine reason) {
        bad.add(reason);
    }

    private static String text(byte[] buf, int offset, int length) {
        return new String(buf, offset, length, StandardCharsets.UTF_8);
    }
}
