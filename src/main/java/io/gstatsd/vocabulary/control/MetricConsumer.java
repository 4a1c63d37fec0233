package io.gstatsd.vocabulary.control;

import io.gstatsd.vocabulary.entity.BadLine;

/**
 * Receives what {@link LineParser} finds in a datagram. Keys and set members are handed over as ranges of
 * the receive buffer, valid only during the call, so that a key already seen costs no allocation.
 */
public interface MetricConsumer {

    void packet();

    void line();

    void counter(byte[] buf, int keyOffset, int keyLength, double value, double sampleRate);

    void timer(byte[] buf, int keyOffset, int keyLength, double value, double sampleRate);

    void gauge(byte[] buf, int keyOffset, int keyLength, double value, boolean delta);

    void set(byte[] buf, int keyOffset, int keyLength, byte[] memberBuf, int memberOffset, int memberLength);

    void badLine(BadLine reason);
}
