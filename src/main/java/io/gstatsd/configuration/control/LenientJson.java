package io.gstatsd.configuration.control;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads a JavaScript object or array literal as Etsy statsd's configuration files write them: unquoted keys,
 * single-quoted strings, {@code //} and {@code /* *}{@code /} comments, trailing commas, a leading '+' or '.'
 * on numbers, and an optional ';' after the value. Anything that needs a JavaScript interpreter (an
 * expression such as {@code require('os').hostname()}) is an error with its line and column. Key order is
 * kept. Thread-safe: the mapper is immutable once built.
 */
public final class LenientJson {

    /** A text that does not parse; the message is meant for the operator. */
    public static final class SyntaxException extends RuntimeException {
        private final int line;
        private final int column;

        SyntaxException(String problem, int line, int column) {
            super("line " + line + ", column " + column + ": " + problem);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
                    JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private LenientJson() {
    }

    /** @throws SyntaxException with the line and column (both from 1) of the first problem */
    public static JsonNode parse(String text) {
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonNode value = MAPPER.readTree(parser);
            if (value == null || value.isMissingNode()) {
                throw new SyntaxException("no value: the text is empty", 1, 1);
            }
            JsonLocation end = parser.currentLocation();
            checkNothingFollows(text, (int) end.getCharOffset(), end.getLineNr(), end.getColumnNr());
            return value;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new SyntaxException(firstLine(e.getOriginalMessage()),
                    at == null ? 1 : Math.max(1, at.getLineNr()), at == null ? 1 : Math.max(1, at.getColumnNr()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a String cannot fail", e);
        }
    }

    /** After the value only blanks, comments and semicolons may follow (Etsy evaluates the text as a statement). */
    private static void checkNothingFollows(String text, int offset, int line, int column) {
        int i = offset;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                if (close < 0) {
                    throw at(text, offset, line, column, i, "a comment that never ends");
                }
                i = close + 2;
                continue;
            }
            if (!Character.isWhitespace(c) && c != ';') {
                throw at(text, offset, line, column, i, "unexpected '" + c + "' after the value");
            }
            i++;
        }
    }

    private static SyntaxException at(String text, int offset, int line, int column, int index, String problem) {
        for (int i = offset; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SyntaxException(problem, line, column);
    }

    private static String firstLine(String message) {
        String text = message == null ? "does not parse" : message;
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
