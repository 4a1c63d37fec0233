package io.gstatsd.vocabulary.control;

/**
 * Reads one datagram's statsd lines and reports each metric to a {@link MetricConsumer}. It lets the
 * aggregation run a receiver's parser inside its own write section without knowing the wire format.
 */
@FunctionalInterface
public interface DatagramParser {

    void parse(byte[] buf, int offset, int length, MetricConsumer out);
}
