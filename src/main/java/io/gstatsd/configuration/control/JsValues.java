package io.gstatsd.configuration.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

import java.util.ArrayList;
import java.util.List;

/**
 * How Etsy statsd's JavaScript reads the values of its configuration object: truthiness ({@code if (x)}),
 * string conversion ({@code "" + x}) and {@code Number(x)}. Stateless.
 */
public final class JsValues {

    private JsValues() {
    }

    /** JavaScript's truthiness; an absent value is {@code undefined}, which is false. */
    public static boolean truthy(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0 && !Double.isNaN(value.doubleValue());
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        return true;
    }

    /** JavaScript's {@code "" + value}: an array joins its items with ',', an object is {@code [object Object]}. */
    public static String text(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "undefined";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isNumber()) {
            double number = value.doubleValue();
            return Double.isNaN(number) ? "NaN" : numberText(number);
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(item -> parts.add(item.isNull() ? "" : text(item)));
            return String.join(",", parts);
        }
        if (value.isObject()) {
            return "[object Object]";
        }
        return value.asText();
    }

    /** JavaScript's {@code Number(value)}: a numeric string is read, anything else is NaN. */
    public static double number(JsonNode value) {
        if (value != null && value.isNumber()) {
            return value.doubleValue();
        }
        if (value == null || !value.isTextual()) {
            return Double.NaN;
        }
        String text = value.textValue().trim();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * A number as JavaScript prints the values of a configuration file (integers without ".0", no exponent
     * for them: ports, milliseconds, percents), e.g. {@code 2.5}, {@code 8125}, {@code -10}.
     */
    public static String numberText(double number) {
        if (Double.isInfinite(number)) {
            return number > 0 ? "Infinity" : "-Infinity";
        }
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString((long) number);
        }
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
}
