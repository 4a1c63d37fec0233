package io.gstatsd.graphite.control;

import io.gstatsd.flush.control.StateFile;
import io.gstatsd.flush.control.UnusableStateException;
import io.gstatsd.graphite.entity.CarbonTarget;
import io.gstatsd.graphite.entity.FlushText;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The flushes one Graphite sink could not deliver before a shutdown, kept in the state directory for the
 * next start to send (one file per carbon target, {@code graphite-queue-HOST_PORT.bin}). They are Graphite
 * text with their own timestamps, so they are sent as they are. The file, big-endian:
 * <pre>
 * int    magic 0x67737471 ("gstq")
 * int    format version, 1
 * int n, then n flushes, oldest first: int byte length, that many bytes of Graphite plaintext
 * long   CRC-32 of every byte before it
 * </pre>
 * A file that is damaged or of another version is set aside with one log line ({@link StateFile}).
 * <p>
 * Not thread-safe: the sink takes the file when it is built and keeps its queue when it is closed.
 */
public final class KeptFlushes {

    static final int MAGIC = 0x67737471;
    static final int VERSION = 1;

    private final StateFile file;

    public KeptFlushes(Path stateDir, CarbonTarget target) {
        this.file = new StateFile(stateDir.resolve(fileName(target)));
    }

    /** The target in a file name: characters other than letters, digits, '.' and '-' as '_'. */
    static String fileName(CarbonTarget target) {
        return "graphite-queue-" + target.host().replaceAll("[^A-Za-z0-9.-]", "_") + "_" + target.port() + ".bin";
    }

    public Path path() {
        return file.path();
    }

    /** Replaces the file with these flushes, oldest first. */
    void keep(List<FlushText> oldestFirst) throws IOException {
        file.replace(out -> {
            CRC32 crc = new CRC32();
            BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            DataOutputStream data = new DataOutputStream(new CheckedOutputStream(buffered, crc));
            data.writeInt(MAGIC);
            data.writeInt(VERSION);
            data.writeInt(oldestFirst.size());
            WritableByteChannel channel = Channels.newChannel(data);
            for (FlushText payload : oldestFirst) {
                data.writeInt(Math.toIntExact(payload.bytes()));
                for (ByteBuffer chunk : payload.chunks()) {
                    channel.write(chunk);
                }
            }
            data.flush();
            new DataOutputStream(buffered).writeLong(crc.getValue());
            buffered.flush();
        });
    }

    /** The kept flushes, oldest first, and the file removed; none when there is no usable file. */
    List<FlushText> take(long nowMillis) {
        try {
            byte[] bytes = file.read();
            if (bytes == null) {
                return List.of();
            }
            List<FlushText> flushes = parse(bytes);
            file.delete();
            return flushes;
        } catch (UnusableStateException e) {
            file.setAside(e, nowMillis);
        } catch (IOException e) {
            file.setAside(new UnusableStateException(UnusableStateException.Reason.DAMAGED, "unreadable: " + e), nowMillis);
        }
        return List.of();
    }

    private static List<FlushText> parse(byte[] file) throws UnusableStateException {
        ByteBuffer in = StateFile.checkedBody(file, MAGIC, VERSION, 20, "Graphite queue");
        try {
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / Integer.BYTES) {
                throw damaged("a count of " + count + " flushes");
            }
            List<FlushText> flushes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw damaged("a flush of " + length + " bytes with " + in.remaining() + " left");
                }
                flushes.add(FlushText.of(ByteBuffer.wrap(file, in.position(), length)));
                in.position(in.position() + length);
            }
            if (in.hasRemaining()) {
                throw damaged(in.remaining() + " bytes after the flushes");
            }
            return flushes;
        } catch (BufferUnderflowException e) {
            throw damaged("cut short");
        }
    }

    private static UnusableStateException damaged(String why) {
        return new UnusableStateException(UnusableStateException.Reason.DAMAGED, why);
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
