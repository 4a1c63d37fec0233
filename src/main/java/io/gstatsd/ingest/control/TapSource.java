package io.gstatsd.ingest.control;

/**
 * A capability that wants every received datagram as it came (the repeater), as the receive loops find it:
 * they take every source there is, so a new one never touches this package.
 */
public interface TapSource {

    /** {@link DatagramTap#NONE} when it is off. */
    DatagramTap tap();
}
