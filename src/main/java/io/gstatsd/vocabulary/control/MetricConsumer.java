package io.gstatsd.vocabulary.control;

import io.gstatsd.vocabulary.entity.BadLine;

/**
 * Receives what the line parser finds in a datagram. Keys and set members are handed over as ranges of
 * the receive buffer (or of the parser's scratch buffer), valid only during the call, so that a key already
 * seen costs no allocation.
 * <p>
 * A key is raw: the name as sent, with its Telegraf, Sysdig or Graphite tags, and the line's DogStatsD tags
 * after a ':' (see {@link KeyCanonicalizer}). {@code epochSeconds} is {@link #NOW} for a metric of the
 * current interval, or the second a client stamped the line with (DogStatsD {@code |T}).
 */
public interface MetricConsumer {

    long NOW = 0;

    void packet();

    void line();

    void counter(byte[] buf, int keyOffset, int keyLength, double value, double sampleRate, long epochSeconds);

    void timer(byte[] buf, int keyOffset, int keyLength, double value, double sampleRate, long epochSeconds);

    void gauge(byte[] buf, int keyOffset, int keyLength, double value, boolean delta, long epochSeconds);

    void set(byte[] buf, int keyOffset, int keyLength, byte[] memberBuf, int memberOffset, int memberLength,
             long epochSeconds);

    /**
     * Whether {@link #keyAhead} is worth its cost for the next datagram: a pass over its lines before parsing
     * them, about 20 ns a line, which only pays when the lookups miss the cache.
     */
    default boolean wantsKeysAhead() {
        return false;
    }

    /**
     * The key of a line about to be parsed, with its first metric's type ('c', 't' for every timer form, 'g'
     * or 's'): a hint, so that the consumer can fetch what it will look the key up in for several lines at
     * once rather than one cache miss after another. Ignoring it changes nothing but speed.
     */
    default void keyAhead(byte[] buf, int keyOffset, int keyLength, char type) {
    }

    /** The hints given since the last call are all that come before the next lines are parsed: fetch now. */
    default void keysAhead() {
    }

    /** A field after the type that gstatsd does not know ({@code |x...}); its metric still counts. */
    void unknownField();

    void badLine(BadLine reason);
}
