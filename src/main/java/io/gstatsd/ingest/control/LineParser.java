package io.gstatsd.ingest.control;

import io.gstatsd.vocabulary.control.DatagramParser;
import io.gstatsd.vocabulary.control.MetricConsumer;
import io.gstatsd.vocabulary.entity.BadLine;

/**
 * Splits a datagram into statsd lines and each line into metrics, reading every dialect real clients send:
 * <pre>
 *   key:value|type[|field...][:value|type[|field...]...]     Etsy; several types for one key
 *   key:value[:value...]|type[|field...]                     DogStatsD 1.1: several values of one type
 * </pre>
 * Types {@code c}, {@code ms}, {@code h} and {@code d} (both timer samples), {@code g}, {@code s}. Fields
 * come in any order after the type: {@code @rate} (any finite decimal > 0, exponents too), {@code #tags}
 * (DogStatsD; they apply to every value of the line), {@code T<epoch seconds>} (a client timestamp), and the
 * DogStatsD fields gstatsd does not use, {@code c:<container-id>}, {@code card:<cardinality>} and
 * {@code e:<external-data>}; any other field is ignored and reported as unknown. The two forms differ in
 * what follows the first value: a ':' before the first '|' means several values of one type. Lines are
 * separated by {@code \n} with an optional {@code \r}. A malformed metric is reported to the consumer and
 * skipped; its neighbours still count.
 * <p>
 * A key goes to the consumer as sent, its Telegraf ({@code k,env=prod}), Sysdig ({@code k#env=prod}) and
 * Graphite ({@code k;env=prod}) tags included; DogStatsD tags are appended after a ':' in a scratch buffer.
 * The aggregation canonicalises a key once, when it first sees it. When the consumer asks for it, the keys
 * of the next 32 lines are handed over ahead of their metrics ({@link MetricConsumer#keyAhead}).
 * <p>
 * One instance per receive thread: it keeps the scratch buffer and the fields of the metric being read.
 */
public final class LineParser implements DatagramParser {

    /**
     * Lines whose keys are hinted to the consumer ({@link MetricConsumer#keyAhead}) before they are parsed:
     * enough for the CPU to have that many cache misses in flight at once.
     */
    private static final int LINES_AHEAD = 32;

    private byte[] taggedKey = new byte[256];

    // The fields of the metric group being read (readFields sets them), kept here so that reading them
    // allocates nothing.
    private double sampleRate;
    private boolean badSampleRate;
    private long epochSeconds;

    @Override
    public void parse(byte[] buf, int offset, int length, MetricConsumer out) {
        out.packet();
        int end = offset + length;
        int start = offset;
        int hintedUntil = out.wantsKeysAhead() ? offset : end;
        while (start < end) {
            if (start >= hintedUntil) {
                hintedUntil = keysAhead(buf, start, end, out);
            }
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

    /**
     * Hints the keys of the next {@link #LINES_AHEAD} lines, with the type of their first metric.
     *
     * @return where the first line not hinted starts
     */
    private static int keysAhead(byte[] buf, int start, int end, MetricConsumer out) {
        for (int lines = 0; lines < LINES_AHEAD && start < end; lines++) {
            int newline = indexOf(buf, (byte) '\n', start, end);
            int lineEnd = newline > start && buf[newline - 1] == '\r' ? newline - 1 : newline;
            int colon = indexOf(buf, (byte) ':', start, lineEnd);
            int bar = indexOf(buf, (byte) '|', colon, lineEnd);
            if (bar < lineEnd) {
                int typeEnd = indexOfEither(buf, (byte) '|', (byte) ':', bar + 1, lineEnd);
                char type = type(buf, bar + 1, typeEnd);
                // with DogStatsD tags right after the type the key is looked up in the scratch buffer instead
                boolean tagged = typeEnd + 1 < lineEnd && buf[typeEnd] == '|' && buf[typeEnd + 1] == '#';
                if (type != 0 && !tagged) {
                    out.keyAhead(buf, start, colon - start, type);
                }
            }
            start = newline + 1;
        }
        out.keysAhead();
        return start;
    }

    private void parseLine(byte[] buf, int start, int end, MetricConsumer out) {
        int colon = indexOf(buf, (byte) ':', start, end);
        if (colon == end) {
            out.badLine(BadLine.NO_VALUE);
            return;
        }
        byte[] keyBuf = buf;
        int keyOffset = start;
        int keyLength = colon - start;
        int tags = dogStatsDTags(buf, colon + 1, end);
        if (tags >= 0) {
            int tagsEnd = indexOf(buf, (byte) '|', tags, end);
            if (tagsEnd > tags) {
                keyLength = keyWithTags(buf, start, colon, tags, tagsEnd);
                keyBuf = taggedKey;
                keyOffset = 0;
            }
        }
        int group = colon + 1;
        while (group >= 0) {
            group = parseGroup(keyBuf, keyOffset, keyLength, buf, group, end, out);
        }
    }

    /**
     * One {@code value[:value...]|type[|field...]} of a key.
     *
     * @return where the key's next Etsy-style group starts (after a ':' that follows the type, a rate or a
     * timestamp), or -1 at the end of the line
     */
    private int parseGroup(byte[] keyBuf, int keyOffset, int keyLength, byte[] buf, int start, int end,
                           MetricConsumer out) {
        int valuesEnd = indexOf(buf, (byte) '|', start, end);
        if (valuesEnd == end) {
            out.badLine(BadLine.NO_TYPE);
            return -1;
        }
        int typeStart = valuesEnd + 1;
        int typeEnd = indexOfEither(buf, (byte) '|', (byte) ':', typeStart, end);
        char type = type(buf, typeStart, typeEnd);
        int next = readFields(buf, typeEnd, end, out);
        int valueStart = start;
        while (true) {
            int valueEnd = indexOf(buf, (byte) ':', valueStart, valuesEnd);
            metric(type, keyBuf, keyOffset, keyLength, buf, valueStart, valueEnd, out);
            if (valueEnd == valuesEnd) {
                return next;
            }
            valueStart = valueEnd + 1;
        }
    }

    /**
     * Reads the fields from {@code at} (a '|' or ':' after the type, or the end) into this parser's fields.
     *
     * @return where the next Etsy-style group starts, or -1
     */
    private int readFields(byte[] buf, int at, int end, MetricConsumer out) {
        sampleRate = 1.0;
        badSampleRate = false;
        epochSeconds = MetricConsumer.NOW;
        while (at < end && buf[at] == '|') {
            int fieldStart = at + 1;
            byte first = fieldStart < end ? buf[fieldStart] : 0;
            if (first == '@') {
                at = indexOfEither(buf, (byte) '|', (byte) ':', fieldStart, end);
                double rate = sampleRate(buf, fieldStart + 1, at);
                if (Double.isNaN(rate)) {
                    badSampleRate = true;
                } else {
                    sampleRate = rate;
                }
            } else if (first == 'T') {
                at = indexOfEither(buf, (byte) '|', (byte) ':', fieldStart, end);
                long seconds = epochSeconds(buf, fieldStart + 1, at);
                if (seconds > 0) {
                    epochSeconds = seconds;
                } else {
                    out.unknownField();
                }
            } else {
                at = indexOf(buf, (byte) '|', fieldStart, end);
                if (!knownField(buf, fieldStart, at)) {
                    out.unknownField();
                }
            }
        }
        return at < end ? at + 1 : -1;
    }

    /** DogStatsD's tags (read with the key), container ID, tag cardinality and external data. */
    private static boolean knownField(byte[] buf, int start, int end) {
        return startsWith(buf, start, end, "#") || startsWith(buf, start, end, "c:")
                || startsWith(buf, start, end, "card:") || startsWith(buf, start, end, "e:");
    }

    private void metric(char type, byte[] keyBuf, int keyOffset, int keyLength, byte[] buf, int start, int end,
                        MetricConsumer out) {
        if (badSampleRate) {
            out.badLine(BadLine.BAD_SAMPLE_RATE);
            return;
        }
        switch (type) {
            case 'c' -> {
                double value = DecimalParser.parse(buf, start, end);
                if (Double.isNaN(value)) {
                    out.badLine(BadLine.BAD_VALUE);
                } else {
                    out.counter(keyBuf, keyOffset, keyLength, value, sampleRate, epochSeconds);
                }
            }
            case 't' -> {
                double value = DecimalParser.parse(buf, start, end);
                if (!(value >= 0)) {
                    out.badLine(BadLine.BAD_VALUE);
                } else {
                    out.timer(keyBuf, keyOffset, keyLength, value, sampleRate, epochSeconds);
                }
            }
            case 'g' -> {
                double value = DecimalParser.parse(buf, start, end);
                if (Double.isNaN(value)) {
                    out.badLine(BadLine.BAD_VALUE);
                } else {
                    int first = firstNonSpace(buf, start, end);
                    boolean delta = first < end && (buf[first] == '+' || buf[first] == '-');
                    out.gauge(keyBuf, keyOffset, keyLength, value, delta, epochSeconds);
                }
            }
            case 's' -> out.set(keyBuf, keyOffset, keyLength, buf, start, end - start, epochSeconds);
            default -> out.badLine(BadLine.UNKNOWN_TYPE);
        }
    }

    /**
     * @return 'c', 't' (ms; h and d as DogStatsD's histograms and distributions, which gostatsd also reads
     * as timers), 'g', 's', or 0 for anything else; surrounding spaces are ignored as Etsy trims the type
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
                case 'h', 'd' -> 't';
                default -> 0;
            };
        }
        if (length == 2 && buf[start] == 'm' && buf[start + 1] == 's') {
            return 't';
        }
        return 0;
    }

    /** A finite decimal > 0, exponent allowed (Python writes 0.00001 as 1e-05); NaN if not. */
    private static double sampleRate(byte[] buf, int start, int end) {
        double rate = DecimalParser.parse(buf, start, end);
        return rate > 0 ? rate : Double.NaN;
    }

    /** Whole seconds after the epoch, digits only; 0 if not. */
    private static long epochSeconds(byte[] buf, int start, int end) {
        if (end - start < 1 || end - start > 12) {
            return 0;
        }
        long seconds = 0;
        for (int i = start; i < end; i++) {
            if (buf[i] < '0' || buf[i] > '9') {
                return 0;
            }
            seconds = seconds * 10 + (buf[i] - '0');
        }
        return seconds;
    }

    /** Copies {@code key:tags} into the scratch buffer; the key holds no ':', so the tags are found again. */
    private int keyWithTags(byte[] buf, int keyStart, int keyEnd, int tagsStart, int tagsEnd) {
        int keyLength = keyEnd - keyStart;
        int tagsLength = tagsEnd - tagsStart;
        int needed = keyLength + 1 + tagsLength;
        if (taggedKey.length < needed) {
            taggedKey = new byte[Math.max(needed, taggedKey.length * 2)];
        }
        System.arraycopy(buf, keyStart, taggedKey, 0, keyLength);
        taggedKey[keyLength] = ':';
        System.arraycopy(buf, tagsStart, taggedKey, keyLength + 1, tagsLength);
        return needed;
    }

    /** @return where the tags of a {@code |#tags} field start, or -1 */
    private static int dogStatsDTags(byte[] buf, int start, int end) {
        for (int i = start; i < end - 1; i++) {
            if (buf[i] == '|' && buf[i + 1] == '#') {
                return i + 2;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] buf, int start, int end, String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
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

    private static int indexOfEither(byte[] buf, byte a, byte b, int start, int end) {
        for (int i = start; i < end; i++) {
            if (buf[i] == a || buf[i] == b) {
                return i;
            }
        }
        return end;
    }
}
