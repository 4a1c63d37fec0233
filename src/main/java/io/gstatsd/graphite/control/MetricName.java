package io.gstatsd.graphite.control;

/**
 * Graphite names as Etsy statsd builds them: {@code namespace.key[.suffix][;tags]}, a key's DogStatsD tags
 * ({@code ;k=v} after its first ';') staying at the end. {@link GraphiteBytes#line} writes the same names
 * as bytes for the flush (a change to the rule belongs in both). Stateless.
 */
public final class MetricName {

    private MetricName() {
    }

    public static void append(StringBuilder out, String namespace, String key, String suffix) {
        int tags = key.indexOf(';');
        out.append(namespace).append('.');
        if (tags < 0) {
            out.append(key);
        } else {
            out.append(key, 0, tags);
        }
        if (suffix != null) {
            out.append('.').append(suffix);
        }
        if (tags >= 0) {
            out.append(key, tags, key.length());
        }
    }

    public static String of(String namespace, String key, String suffix) {
        StringBuilder out = new StringBuilder(namespace.length() + key.length() + 16);
        append(out, namespace, key, suffix);
        return out.toString();
    }
}
