package io.gstatsd.vocabulary.control;

/**
 * Graphite names as Etsy statsd builds them: {@code namespace.key[.suffix][;tags]}, a key's DogStatsD tags
 * ({@code ;k=v} from its first ';') staying at the end. The Graphite flush writes the same names as bytes
 * and takes the split of a key from {@link #tagsStart}. Stateless.
 */
public final class MetricName {

    private MetricName() {
    }

    /** Where a key's tags begin (its first ';'), or -1 when it has none. */
    public static int tagsStart(String key) {
        return key.indexOf(';');
    }

    public static void append(StringBuilder out, String namespace, String key, String suffix) {
        int tags = tagsStart(key);
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
