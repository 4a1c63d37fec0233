package io.gstatsd.aggregate.control;

import io.gstatsd.vocabulary.control.DatagramParser;
import org.HdrHistogram.WriterReaderPhaser;

import java.util.function.Consumer;

/**
 * Two shards for one receiver: it writes the active one while a flush reads the other, swapped as
 * HdrHistogram's {@code Recorder} does, so the receive path never waits for a flush.
 * <p>
 * Contract: exactly one receiver thread calls {@link #write}; flushes call {@link #drain}, serialised by
 * the caller. {@code write} costs two uncontended atomic increments per datagram, never a lock.
 */
public final class ShardPair {

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private volatile Shard active;
    private Shard spare;

    ShardPair(Shard active, Shard spare) {
        this.active = active;
        this.spare = spare;
    }

    /** Parses one datagram into the active shard. */
    public void write(DatagramParser parser, byte[] buf, int offset, int length) {
        long token = phaser.writerCriticalSectionEnter();
        try {
            parser.parse(buf, offset, length, active);
        } finally {
            phaser.writerCriticalSectionExit(token);
        }
    }

    /** Swaps the shards, waits until the writer has left the old one, lets the reader read it, then resets it. */
    void drain(Consumer<Shard> reader) {
        Shard old;
        phaser.readerLock();
        try {
            old = active;
            active = spare;
            phaser.flipPhase();
        } finally {
            phaser.readerUnlock();
        }
        try {
            reader.accept(old);
        } finally {
            old.reset();
            spare = old;
        }
    }
}
