package io.gstatsd.ingest.control;

import io.gstatsd.vocabulary.control.DatagramParser;
import io.gstatsd.vocabulary.control.MetricConsumer;

import io.gstatsd.vocabulary.entity.BadLine;

/**
 * Splits a datagram into statsd lines and each line into metrics, as Etsy statsd 0.9 reads them:
 * {@code key:value|type[|@rate][|#tag:v,...]}, several {@code :value|type} per key, lines separated by
 * {@code \n} with an optional {@code \r}. A malformed metric is reported to the consumer and skipped; its
 * neighbours still count.
 * <p>
 * One instance per receive thread: it keeps a scratch buffer for keys with tags.
 */
public final class LineParser implements DatagramParser {

    private byte[] taggedKey = new byte[256];

    @Override
    public void parse(byte[] buf, int offset, int length, MetricConsumer out) {
        out.packet();
        int end = offset + length;
        int start = offset;
        while (start < end) {
            int newline = indexOf(buf, (byte) '\n', start, end);
            int lineEnd = newline;
            if (lineEnd > start && buf[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (lineEnd > start) {
                out.line();
                parseLine(buf, start, lineEnd, out);
            }
            start = newline + 1;
        }
    }

    private void parseLine(byte[] buf, int start, int end, MetricConsumer out) {
        int tags = indexOfTags(buf, start, end);
        int metricEnd = tags < 0 ? end : tags;
        int colon = indexOf(buf, (byte) ':', start, metricEnd);
        if (colon == metricEnd) {
            out.badLine(BadLine.NO_VALUE);
            return;
        }
        byte[] keyBuf = buf;
        int keyOffset = start;
        int keyLength = colon - start;
        if (tags >= 0 && tags + 2 < end) {
            keyLength = appendTags(buf, start, colon, tags + 2, end);
            keyBuf = taggedKey;
            keyOffset = 0;
        }
        int valueStart = colon + 1;
        while (true) {
            int valueEnd = indexOf(buf, (byte) ':', valueStart, metricEnd);
            parseMetric(keyBuf, keyOffset, keyLength, buf, valueStart, valueEnd, out);
            if (valueEnd >= metricEnd) {
                return;
            }
            valueStart = valueEnd + 1;
        }
    }

    /** One {@code value|type[|@rate]} of a key. */
    private static void parseMetric(byte[] keyBuf, int keyOffset, int keyLength,
                                    byte[] buf, int start, int end, MetricConsumer out) {
        int typeStart = indexOf(buf, (byte) '|', start, end) + 1;
        if (typeStart > end) {
            out.badLine(BadLine.NO_TYPE);
            return;
        }
        int typeEnd = indexOf(buf, (byte) '|', typeStart, end);
        double sampleRate = 1.0;
        if (typeEnd < end) {
            int rateEnd = indexOf(buf, (byte) '|', typeEnd + 1, end);
            sampleRate = sampleRate(buf, typeEnd + 1, rateEnd);
            if (Double.isNaN(sampleRate)) {
                out.badLine(BadLine.BAD_SAMPLE_RATE);
                return;
            }
        }
        int valueEnd = typeStart - 1;
        switch (type(buf, typeStart, typeEnd)) {
            case 'c' -> {
                double value = DecimalParser.parse(buf, start, valueEnd);
                if (Double.isNaN(value)) {
                    out.badLine(BadLine.BAD_VALUE);
                } else {
                    out.counter(keyBuf, keyOffset, keyLength, value, sampleRate);
                }
            }
            case 't' -> {
                double value = DecimalParser.parse(buf, start, valueEnd);
                if (!(value >= 0)) {
                    out.badLine(BadLine.BAD_VALUE);
                } else {
                    out.timer(keyBuf, keyOffset, keyLength, value, sampleRate);
                }
            }
            case 'g' -> {
                double value = DecimalParser.parse(buf, start, valueEnd);
                if (Double.isNaN(value)) {
                    out.badLine(BadLine.BAD_VALUE);
                } else {
                    int first = firstNonSpace(buf, start, valueEnd);
                    boolean delta = first < valueEnd && (buf[first] == '+' || buf[first] == '-');
                    out.gauge(keyBuf, keyOffset, keyLength, value, delta);
                }
            }
            case 's' -> out.set(keyBuf, keyOffset, keyLength, buf, start, valueEnd - start);
            default -> out.badLine(BadLine.UNKNOWN_TYPE);
        }
    }

    /**
     * @return 'c', 't' (ms, or h as DogStatsD and gostatsd read it), 'g', 's', or 0 for anything else;
     * surrounding spaces are ignored as Etsy trims the type
     */
    private static char type(byte[] buf, int start, int end) {
        start = firstNonSpace(buf, start, end);
        while (end > start && buf[end - 1] == ' ') {
            end--;
        }
        int length = end - start;
        if (length == 1) {
            return switch (buf[start]) {
                case 'c' -> 'c';
                case 'g' -> 'g';
                case 's' -> 's';
                case 'h' -> 't';
                default -> 0;
            };
        }
        if (length == 2 && buf[start] == 'm' && buf[start + 1] == 's') {
            return 't';
        }
        return 0;
    }

    /** {@code @rate} with rate a positive decimal (digits and dots only, as Etsy's regex takes it); NaN if not. */
    private static double sampleRate(byte[] buf, int start, int end) {
        while (end > start && buf[end - 1] == ' ') {
            end--;
        }
        if (end - start < 2 || buf[start] != '@') {
            return Double.NaN;
        }
        for (int i = start + 1; i < end; i++) {
            if ((buf[i] < '0' || buf[i] > '9') && buf[i] != '.') {
                return Double.NaN;
            }
        }
        double rate = DecimalParser.parse(buf, start + 1, end);
        return rate > 0 ? rate : Double.NaN;
    }

    /**
     * Etsy appends DogStatsD tags to the key as {@code ;name=value}, replacing the first ';' of a tag by
     * '_' and its first ':' by '='.
     */
    private int appendTags(byte[] buf, int keyStart, int keyEnd, int tagsStart, int tagsEnd) {
        int needed = (keyEnd - keyStart) + 1 + (tagsEnd - tagsStart);
        if (taggedKey.length < needed) {
            taggedKey = new byte[Math.max(needed, taggedKey.length * 2)];
        }
        byte[] out = taggedKey;
        int n = keyEnd - keyStart;
        System.arraycopy(buf, keyStart, out, 0, n);
        boolean semicolonSeen = false;
        boolean colonSeen = false;
        out[n++] = ';';
        for (int i = tagsStart; i < tagsEnd; i++) {
            byte c = buf[i];
            if (c == ',') {
                c = ';';
                semicolonSeen = false;
                colonSeen = false;
            } else if (c == ';' && !semicolonSeen) {
                c = '_';
                semicolonSeen = true;
            } else if (c == ':' && !colonSeen) {
                c = '=';
                colonSeen = true;
            }
            out[n++] = c;
        }
        return n;
    }

    private static int indexOfTags(byte[] buf, int start, int end) {
        for (int i = start; i < end - 1; i++) {
            if (buf[i] == '|' && buf[i + 1] == '#') {
                return i;
            }
        }
        return -1;
    }

    private static int firstNonSpace(byte[] buf, int start, int end) {
        while (start < end && buf[start] == ' ') {
            start++;
        }
        return start;
    }

    /** @return the index of c in [start, end), or end when it is absent */
    private static int indexOf(byte[] buf, byte c, int start, int end) {
        for (int i = start; i < end; i++) {
            if (buf[i] == c) {
                return i;
            }
        }
        return end;
    }
}
