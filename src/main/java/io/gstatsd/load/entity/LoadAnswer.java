package io.gstatsd.load.entity;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The figures of one window, ready to serve: {@code name → value} sorted by name, and which names belong
 * to which statsd key, for the prefix filter. Immutable.
 *
 * @param startSeconds   the start of the window's oldest minute (epoch seconds)
 * @param endSeconds     the last flush (partial windows) or the end of the last complete minute (full ones)
 * @param coveredSeconds the seconds of the window the server was up for, at least one: the rates' divisor
 */
public record LoadAnswer(long startSeconds, long endSeconds, long coveredSeconds, NavigableMap<String, Double> figures,
                         NavigableMap<String, List<String>> namesByKey) {

    public LoadAnswer {
        figures = Collections.unmodifiableNavigableMap(new TreeMap<>(figures));
        namesByKey = Collections.unmodifiableNavigableMap(new TreeMap<>(namesByKey));
    }

    public static LoadAnswer empty(long startSeconds, long endSeconds) {
        return new LoadAnswer(startSeconds, endSeconds, Math.max(1, endSeconds - startSeconds), new TreeMap<>(),
                new TreeMap<>());
    }

    /** The figures of the keys equal to {@code prefix} or under it ({@code prefix.}…); all for an empty prefix. */
    public NavigableMap<String, Double> under(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return figures;
        }
        NavigableMap<String, Double> result = new TreeMap<>();
        for (Map.Entry<String, List<String>> key : namesByKey.subMap(prefix, true, prefix + Character.MAX_VALUE, true).entrySet()) {
            String rest = key.getKey().substring(prefix.length());
            if (rest.isEmpty() || rest.charAt(0) == '.' || rest.charAt(0) == ';') {
                for (String name : key.getValue()) {
                    result.put(name, figures.get(name));
                }
            }
        }
        return result;
    }
}
