package io.gstatsd.aggregate.control;

import io.gstatsd.vocabulary.control.DatagramParser;
import org.HdrHistogram.WriterReaderPhaser;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Two shards for one receiver: it writes the active one while a flush reads the other, swapped as
 * HdrHistogram's {@code Recorder} does, so the receive path never waits for a flush.
 * <p>
 * Contract: exactly one receiver thread calls {@link #write}; flushes call {@link #drain} and
 * {@link #retire}, serialised by the caller. {@code write} costs two uncontended atomic increments and one
 * volatile read per datagram, never a lock.
 * <p>
 * Retired ids reach the receiver's key tables through a queue the receiver empties inside its write section,
 * before it parses (the tables mark them, see {@link KeyTable#retire}): so every datagram that starts after
 * a retirement was posted uses no retired id, and
 * every datagram that started before it has left the section by the end of the next drain's swap. That is
 * what lets the next drain free the ids (see {@link KeyRegistry}).
 */
public final class ShardPair {

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private final KeyTables keys;
    private final KeyTables stampedKeys;
    private final LongSupplier nanoClock;
    /**
     * When the receiver last wrote a datagram, for Etsy's {@code messages.last_msg_seen}. Written with
     * lazySet, which on x86 is a plain store (no fence): with the clock's ~20 ns it adds well under 1% to the
     * ~2-4 us a datagram costs.
     */
    private final AtomicLong lastWriteNanos;
    private final Queue<Retirement> retirements = new ConcurrentLinkedQueue<>();
    private final Queue<Retirement> stampedRetirements = new ConcurrentLinkedQueue<>();
    private volatile Shard active;
    private Shard spare;

    ShardPair(KeyTables keys, KeyTables stampedKeys, Shard active, Shard spare, LongSupplier nanoClock) {
        this.keys = keys;
        this.stampedKeys = stampedKeys;
        this.nanoClock = nanoClock;
        this.lastWriteNanos = new AtomicLong(nanoClock.getAsLong());
        this.active = active;
        this.spare = spare;
    }

    /** Parses one datagram into the active shard. */
    public void write(DatagramParser parser, byte[] buf, int offset, int length) {
        long now = nanoClock.getAsLong();
        long token = phaser.writerCriticalSectionEnter();
        try {
            if (!retirements.isEmpty() || !stampedRetirements.isEmpty()) {
                markRetired();
            }
            Shard shard = active;
            shard.datagramNanos = now;
            parser.parse(buf, offset, length, shard);
            keys.sweep();
            stampedKeys.sweep();
        } finally {
            phaser.writerCriticalSectionExit(token);
        }
        lastWriteNanos.lazySet(now);
    }

    /** When the receiver last wrote a datagram (its creation before the first), on the aggregation's nano clock. */
    long lastWriteNanos() {
        return lastWriteNanos.get();
    }

    private void markRetired() {
        Retirement retirement;
        while ((retirement = retirements.poll()) != null) {
            keys.retire(retirement);
        }
        while ((retirement = stampedRetirements.poll()) != null) {
            stampedKeys.retire(retirement);
        }
    }

    /** Asks the receiver to drop these ids from its key tables (and its stamped points' tables) before its next datagram. */
    void retire(Retirement retirement, Retirement stamped) {
        if (!retirement.isEmpty()) {
            retirements.add(retirement);
        }
        if (!stamped.isEmpty()) {
            stampedRetirements.add(stamped);
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
