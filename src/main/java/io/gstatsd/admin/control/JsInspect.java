package io.gstatsd.admin.control;

import io.gstatsd.vocabulary.control.PlainNumber;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes what Etsy statsd's admin commands print with Node.js's {@code util.inspect} (Node 20, default
 * options: 80 columns, compact 3, at most 100 array items) for the shapes they print: an object of numbers
 * ({@code counters}, {@code gauges}) and an object of arrays of numbers ({@code timers}). Same line breaking,
 * same column grouping of long arrays, same key quoting. Not a general inspector: values are Doubles,
 * double arrays and maps of them. Stateless apart from one call's indentation.
 */
public final class JsInspect {

    private static final int BREAK_LENGTH = 80;
    private static final int COMPACT = 3;
    private static final int MAX_ARRAY_LENGTH = 100;
    private static final Pattern IDENTIFIER = Pattern.compile("^[a-zA-Z_][a-zA-Z_0-9]*$");

    private int indentation;
    private int currentDepth;

    private JsInspect() {
    }

    /** {@code util.inspect(object)} for an object whose values are Doubles or double arrays, keys in map order. */
    public static String object(Map<String, ?> object) {
        return new JsInspect().value(object, 0);
    }

    private String value(Object value, int depth) {
        if (value instanceof Double number) {
            return number(number);
        }
        if (value instanceof double[] array) {
            return array(array, depth);
        }
        if (value instanceof Map<?, ?> map) {
            return map(map, depth);
        }
        throw new IllegalArgumentException("not a number, array or object: " + value);
    }

    private String map(Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            return "{}";
        }
        int level = depth + 1;
        currentDepth = level;
        List<String> output = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            indentation += 2;
            String text = value(entry.getValue(), level);
            indentation -= 2;
            output.add(key(entry.getKey().toString()) + ": " + text);
        }
        return reduce(output, "{", "}", false, level, null);
    }

    private String array(double[] array, int depth) {
        if (array.length == 0) {
            return "[]";
        }
        int level = depth + 1;
        currentDepth = level;
        int shown = Math.min(array.length, MAX_ARRAY_LENGTH);
        List<String> output = new ArrayList<>(shown + 1);
        for (int i = 0; i < shown; i++) {
            output.add(number(array[i]));
        }
        int remaining = array.length - shown;
        if (remaining > 0) {
            output.add("... " + remaining + " more item" + (remaining > 1 ? "s" : ""));
        }
        return reduce(output, "[", "]", true, level, array);
    }

    /** On one line when it fits and is not nested too deep, else one entry (or group of them) a line. */
    private String reduce(List<String> output, String open, String close, boolean isArray, int level, double[] array) {
        int entries = output.size();
        if (isArray && entries > 6) {
            output = group(output);
        }
        if (currentDepth - level < COMPACT && entries == output.size()) {
            int start = output.size() + indentation + open.length() + 10;
            if (fitsOnALine(output, start)) {
                String joined = String.join(", ", output);
                if (joined.indexOf('\n') < 0) {
                    return open + " " + joined + " " + close;
                }
            }
        }
        String newline = "\n" + " ".repeat(indentation);
        return open + newline + "  " + String.join("," + newline + "  ", output) + newline + close;
    }

    private static boolean fitsOnALine(List<String> output, int start) {
        int total = output.size() + start;
        if (total + output.size() > BREAK_LENGTH) {
            return false;
        }
        for (String entry : output) {
            total += entry.length();
            if (total > BREAK_LENGTH) {
                return false;
            }
        }
        return true;
    }

    /**
     * Node's grouping of a long array into aligned columns (numbers right-aligned): about as many columns as
     * make the block square, given characters 2.5 times as high as wide, at most 15 and 80 columns wide.
     */
    private List<String> group(List<String> output) {
        int outputLength = output.size();
        if (MAX_ARRAY_LENGTH < output.size()) {
            outputLength--;   // the "... more items" entry stays out of the columns
        }
        int separatorSpace = 2;
        int[] dataLength = new int[outputLength];
        long totalLength = 0;
        int maxLength = 0;
        for (int i = 0; i < outputLength; i++) {
            int length = output.get(i).length();
            dataLength[i] = length;
            totalLength += length + separatorSpace;
            maxLength = Math.max(maxLength, length);
        }
        int actualMax = maxLength + separatorSpace;
        if (actualMax * 3 + indentation < BREAK_LENGTH && ((double) totalLength / actualMax > 5 || maxLength <= 6)) {
            double averageBias = Math.sqrt(actualMax - (double) totalLength / output.size());
            double biasedMax = Math.max(actualMax - 3 - averageBias, 1);
            int columns = (int) Math.min(Math.min(jsRound(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
                    Math.floor((BREAK_LENGTH - indentation) / (double) actualMax)), Math.min(COMPACT * 4, 15));
            if (columns <= 1) {
                return output;
            }
            int[] maxLineLength = new int[columns];
            for (int i = 0; i < columns; i++) {
                int lineMax = 0;
                for (int j = i; j < output.size(); j += columns) {
                    if (j < outputLength && dataLength[j] > lineMax) {
                        lineMax = dataLength[j];
                    }
                }
                maxLineLength[i] = lineMax + separatorSpace;
            }
            List<String> grouped = new ArrayList<>();
            for (int i = 0; i < outputLength; i += columns) {
                int max = Math.min(i + columns, outputLength);
                StringBuilder line = new StringBuilder();
                int j = i;
                for (; j < max - 1; j++) {
                    line.append(padStart(output.get(j) + ", ", maxLineLength[j - i]));
                }
                line.append(padStart(output.get(j), maxLineLength[j - i] - separatorSpace));
                grouped.add(line.toString());
            }
            if (MAX_ARRAY_LENGTH < output.size()) {
                grouped.add(output.get(outputLength));
            }
            return grouped;
        }
        return output;
    }

    private static double jsRound(double value) {
        return Math.floor(value + 0.5);
    }

    private static String padStart(String text, int length) {
        return text.length() >= length ? text : " ".repeat(length - text.length()) + text;
    }

    /** JavaScript's number text ({@code -0} as Node writes it). */
    private static String number(double value) {
        if (value == 0 && 1 / value < 0) {
            return "-0";
        }
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return PlainNumber.format(value);
    }

    /** A key as Node writes it: bare when it is an identifier, else quoted and escaped. */
    static String key(String key) {
        if (IDENTIFIER.matcher(key).matches()) {
            return key;
        }
        char quote = '\'';
        if (key.indexOf('\'') >= 0) {
            if (key.indexOf('"') < 0) {
                quote = '"';
            } else if (key.indexOf('`') < 0 && !key.contains("${")) {
                quote = '`';
            }
        }
        StringBuilder out = new StringBuilder(key.length() + 2).append(quote);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == quote && quote == '\'' || c == '\\' || c < 32 || (c > 126 && c < 160)) {
                out.append(escape(c));
            } else if (Character.isSurrogate(c) && !pairedSurrogate(key, i)) {
                out.append("\\u").append(Integer.toHexString(c));
            } else {
                out.append(c);
            }
        }
        return out.append(quote).toString();
    }

    private static boolean pairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static String escape(char c) {
        return switch (c) {
            case '\b' -> "\\b";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\f' -> "\\f";
            case '\r' -> "\\r";
            case '\'' -> "\\'";
            case '\\' -> "\\\\";
            default -> String.format("\\x%02X", (int) c);
        };
    }
}
