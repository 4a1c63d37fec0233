package io.gstatsd.cluster.control;

import io.gstatsd.flush.control.SnapshotCodec;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * A {@link Partial} as the bytes the Data Grid carries: a plain byte array, so Hazelcast never has to load an
 * application class to deserialise it. An int magic number ("gstp"), an int version, the sender's name, a byte
 * for a view, then the snapshot as {@link SnapshotCodec} writes it with gauge times (the merge keeps the gauge
 * received last). Members of different versions refuse each other's partials rather than misread them.
 */
final class PartialCodec {

    private static final int MAGIC = 0x67737470;   // "gstp"
    private static final int VERSION = 1;

    private PartialCodec() {
    }

    static byte[] encode(Partial partial) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            SnapshotCodec.writeName(out, partial.from());
            out.writeBoolean(partial.view());
            SnapshotCodec.write(out, partial.snapshot(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a partial of this version */
    static Partial decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.getInt() != MAGIC) {
                throw new IllegalArgumentException("not a gstatsd partial");
            }
            int version = in.getInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("a partial of version " + version + ", this member reads " + VERSION);
            }
            String from = SnapshotCodec.readName(in);
            boolean view = in.get() != 0;
            Partial partial = new Partial(from, SnapshotCodec.read(in, true), view);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the snapshot");
            }
            return partial;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a truncated partial");
        }
    }
}
