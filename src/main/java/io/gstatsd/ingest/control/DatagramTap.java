package io.gstatsd.ingest.control;

import java.util.List;

/**
 * Sees every datagram (or TCP chunk of complete lines) as it was received, before it is parsed: Etsy's
 * repeater forwards them. {@link #received} is called on the receive threads and must return at once, never
 * blocking and keeping no reference to the buffer, which is reused.
 */
public interface DatagramTap {

    /** A tap that does nothing (no repeater configured). */
    DatagramTap NONE = (buf, offset, length) -> { };

    void received(byte[] buf, int offset, int length);

    /** The taps that are on, as one ({@link #NONE} for none). */
    static DatagramTap all(List<DatagramTap> taps) {
        List<DatagramTap> on = taps.stream().filter(tap -> tap != NONE).toList();
        if (on.isEmpty()) {
            return NONE;
        }
        if (on.size() == 1) {
            return on.get(0);
        }
        return (buf, offset, length) -> {
            for (DatagramTap tap : on) {
                tap.received(buf, offset, length);
            }
        };
    }
}
