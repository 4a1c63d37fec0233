package io.gstatsd.flush.control;

import io.gstatsd.aggregate.entity.KeyActivity;
import io.gstatsd.aggregate.entity.Snapshot;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The state file's format: one {@link PartialInterval} (a {@link Snapshot}, every key with its final name,
 * and when each key was last active) in big-endian binary, as {@link DataOutputStream} writes it:
 * <pre>
 * int    magic 0x67737464 ("gstd")
 * int    format version, 1
 * the snapshot, as {@link SnapshotCodec} writes it without gauge times
 * then for counters, timers, gauges and sets in turn, every live key of the type:
 * int n, then n keys:     name, long the end of the last interval it was active in (epoch ms, 0: none yet)
 * long   CRC-32 of every byte before it
 * </pre>
 * A name is an int byte length and that many bytes of UTF-8. A change to any of this, or to how set
 * members are hashed, is a new version: a file of another version is set aside, not misread.
 * <p>
 * Stateless.
 */
public final class PartialIntervalFormat {

    static final int MAGIC = 0x67737464;
    static final int VERSION = 1;

    private PartialIntervalFormat() {
    }

    public static void write(PartialInterval partial, OutputStream out) throws IOException {
        CRC32 crc = new CRC32();
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        DataOutputStream data = new DataOutputStream(new CheckedOutputStream(buffered, crc));
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        SnapshotCodec.write(data, partial.snapshot(), false);
        KeyActivity activity = partial.activity();
        for (KeyActivity.KeyTimes keys : List.of(activity.counters(), activity.timers(), activity.gauges(), activity.sets())) {
            data.writeInt(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                SnapshotCodec.writeName(data, keys.names()[i]);
                data.writeLong(keys.lastActiveMillis()[i]);
            }
        }
        data.flush();
        new DataOutputStream(buffered).writeLong(crc.getValue());
        buffered.flush();
    }

    /** @throws UnusableStateException when the bytes are not a whole, intact file of this version */
    public static PartialInterval read(byte[] file) throws UnusableStateException {
        ByteBuffer in = StateFile.checkedBody(file, MAGIC, VERSION, 16, "state file");
        try {
            return body(in);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw damaged("inconsistent content (" + e + ")");
        }
    }

    private static PartialInterval body(ByteBuffer in) {
        Snapshot snapshot = SnapshotCodec.read(in, false);
        KeyActivity activity = new KeyActivity(keyTimes(in), keyTimes(in), keyTimes(in), keyTimes(in));
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the keys");
        }
        return new PartialInterval(snapshot, activity);
    }

    private static KeyActivity.KeyTimes keyTimes(ByteBuffer in) {
        int n = SnapshotCodec.count(in, 12);
        String[] names = new String[n];
        long[] lastActive = new long[n];
        for (int i = 0; i < n; i++) {
            names[i] = SnapshotCodec.readName(in);
            lastActive[i] = in.getLong();
        }
        return new KeyActivity.KeyTimes(names, lastActive);
    }

    private static UnusableStateException damaged(String why) {
        return new UnusableStateException(UnusableStateException.Reason.DAMAGED, why);
    }
}
