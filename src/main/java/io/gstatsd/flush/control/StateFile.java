package io.gstatsd.flush.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * One file of the state directory ({@code gstatsd.state-dir}). It is replaced atomically: written to a
 * temporary file, forced to disk and renamed over the old one, so a reader sees a whole file or none, even
 * after a crash or a power cut. A file that cannot be used is renamed aside, with the reason and the time in
 * its name, and reported in one log line: it never stops a start.
 * <p>
 * Not thread-safe: each file has one owner, which uses it at start and at shutdown.
 */
public final class StateFile {

    /** What goes into the file. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final Logger LOG = Logger.getLogger(StateFile.class.getName());
    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    private final Path file;

    /**
     * The body of a state file framed as every state file is (magic number, format version, body, CRC-32 of
     * all before it as a long), checked.
     *
     * @param minBytes the shortest whole file
     * @param kind     what the file holds, for the message when the magic number is wrong
     * @return the body, from after the version to before the checksum
     * @throws UnusableStateException when the bytes are not a whole, intact file of this version
     */
    public static ByteBuffer checkedBody(byte[] file, int magic, int version, int minBytes, String kind)
            throws UnusableStateException {
        if (file.length < minBytes) {
            throw damaged("too short: " + file.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(file);
        if (in.getInt() != magic) {
            throw damaged("not a gstatsd " + kind);
        }
        int found = in.getInt();
        if (found != version) {
            throw new UnusableStateException(UnusableStateException.Reason.OTHER_VERSION,
                    "format version " + found + ", this server reads " + version);
        }
        CRC32 crc = new CRC32();
        crc.update(file, 0, file.length - Long.BYTES);
        if (crc.getValue() != ByteBuffer.wrap(file, file.length - Long.BYTES, Long.BYTES).getLong()) {
            throw damaged("checksum mismatch");
        }
        return in.limit(file.length - Long.BYTES);
    }

    private static UnusableStateException damaged(String why) {
        return new UnusableStateException(UnusableStateException.Reason.DAMAGED, why);
    }

    public StateFile(Path file) {
        this.file = Objects.requireNonNull(file).toAbsolutePath();
        if (file.getFileName() == null) {
            throw new IllegalArgumentException("a state file needs a name, got " + file);
        }
    }

    public Path path() {
        return file;
    }

    public void replace(Body body) throws IOException {
        Path directory = file.getParent();
        Files.createDirectories(directory);
        Path temporary = directory.resolve(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            body.writeTo(Channels.newOutputStream(channel));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(directory);
    }

    /** The rename survives a power cut only once the directory is on disk too; where that cannot be asked, it is left to the OS. */
    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException notSupported) {
            // some file systems and platforms cannot open or force a directory
        }
    }

    /**
     * The whole file, or null when there is none.
     *
     * @throws IOException when it exists but cannot be read (then {@link #setAside} it)
     */
    public byte[] read() throws IOException {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IOException(size + " bytes, more than an array holds");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException none) {
            return null;
        }
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Renames the file aside as {@code NAME.REASON-MILLIS} and says so in one log line. */
    public void setAside(UnusableStateException why, long nowMillis) {
        Path aside = file.resolveSibling(file.getFileName() + "." + why.reason().suffix() + "-" + nowMillis);
        String outcome;
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            outcome = "set aside as " + aside.getFileName();
        } catch (IOException | RuntimeException e) {
            outcome = "and cannot be set aside (" + e + "): it will be found again at the next start";
        }
        LOG.warning("gstatsd: state file " + file + " not used, " + why.reason().suffix().replace('-', ' ') + ": "
                + why.getMessage() + "; " + outcome + "; starting without it");
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
