package io.gstatsd.load.control;

import io.gstatsd.vocabulary.control.PlainNumber;
import io.gstatsd.load.entity.LoadAnswer;

import java.util.Map;

/**
 * Writes an answer as plain text, {@code name value} a line, the window's start and end first, for
 * {@code while read name value}; or as one flat JSON object with the same pairs in the same order.
 * Names hold only sanitised key characters ([A-Za-z0-9_.;=-]), so JSON needs no escaping. Stateless.
 */
public final class LoadText {

    private LoadText() {
    }

    public static String plain(LoadAnswer answer, String prefix) {
        StringBuilder out = new StringBuilder(64 * (answer.figures().size() + 2));
        out.append("window.start ").append(answer.startSeconds()).append('\n');
        out.append("window.end ").append(answer.endSeconds()).append('\n');
        for (Map.Entry<String, Double> figure : answer.under(prefix).entrySet()) {
            out.append(figure.getKey()).append(' ');
            PlainNumber.append(out, figure.getValue());
            out.append('\n');
        }
        return out.toString();
    }

    public static String json(LoadAnswer answer, String prefix) {
        StringBuilder out = new StringBuilder(64 * (answer.figures().size() + 2));
        out.append("{\"window.start\":").append(answer.startSeconds());
        out.append(",\"window.end\":").append(answer.endSeconds());
        for (Map.Entry<String, Double> figure : answer.under(prefix).entrySet()) {
            out.append(",\"").append(figure.getKey()).append("\":");
            PlainNumber.append(out, figure.getValue());
        }
        return out.append("}\n").toString();
    }
}
