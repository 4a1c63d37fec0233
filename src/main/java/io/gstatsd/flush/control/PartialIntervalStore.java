package io.gstatsd.flush.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Keeps the partial interval of a stopping server in the state directory ({@code gstatsd.state-dir}) for
 * the next one to take, in {@link PartialIntervalFormat}. A save replaces the file atomically: it is written
 * to a temporary file, forced to disk and renamed over the old one, so a reader sees a whole file or none.
 * A file that cannot be used (damaged, of another format version, or older than the key TTL) is
 * renamed aside, with the reason in its name, and reported in one log line: it never stops a start.
 * <p>
 * Not thread-safe: the flush calls it once at start and once at shutdown, under its own lock.
 */
public final class PartialIntervalStore {

    public static final String FILE_NAME = "partial-interval.bin";

    private static final Logger LOG = Logger.getLogger(PartialIntervalStore.class.getName());
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 16;

    private final Path directory;
    private final Path file;
    private final long maxAgeMillis;

    /**
     * @param maxAgeMillis a partial interval that ended longer ago than this is set aside, not flushed: every
     *                     key in it would have been forgotten by now ({@code gstatsd.key-ttl}); 0: no limit
     */
    public PartialIntervalStore(Path directory, long maxAgeMillis) {
        this.directory = Objects.requireNonNull(directory);
        this.file = directory.resolve(FILE_NAME);
        if (maxAgeMillis < 0) {
            throw new IllegalArgumentException("maxAgeMillis must be >= 0, got " + maxAgeMillis);
        }
        this.maxAgeMillis = maxAgeMillis;
    }

    public Path file() {
        return file;
    }

    public void save(PartialInterval partial) throws IOException {
        Files.createDirectories(directory);
        Path temporary = directory.resolve(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(channel);
            PartialIntervalFormat.write(partial, out);
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
    }

    /** The rename survives a power cut only once the directory is on disk too; where that cannot be asked, it is left to the OS. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException notSupported) {
            // some file systems and platforms cannot open or force a directory
        }
    }

    /**
     * The partial interval a previous server saved, removed from the directory (this process holds it now),
     * or empty when there is none or it cannot be used.
     */
    public Optional<PartialInterval> take(long nowMillis) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IOException(Files.size(file) + " bytes, more than an array holds");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException e) {
            setAside(new UnusableStateException(UnusableStateException.Reason.DAMAGED, "unreadable: " + e), nowMillis);
            return Optional.empty();
        }
        PartialInterval partial;
        try {
            partial = PartialIntervalFormat.read(bytes);
            if (maxAgeMillis > 0 && nowMillis - partial.endMillis() > maxAgeMillis) {
                throw new UnusableStateException(UnusableStateException.Reason.TOO_OLD, "its interval ended at "
                        + Instant.ofEpochMilli(partial.endMillis()) + ", more than " + Duration.ofMillis(maxAgeMillis)
                        + " (key-ttl) ago");
            }
        } catch (UnusableStateException e) {
            setAside(e, nowMillis);
            return Optional.empty();
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            // Taken but left in place, the next start would count it again.
            LOG.warning("gstatsd: cannot remove the state file " + file + " (" + e + "); not using it");
            return Optional.empty();
        }
        return Optional.of(partial);
    }

    private void setAside(UnusableStateException why, long nowMillis) {
        Path aside = directory.resolve(FILE_NAME + "." + why.reason().suffix() + "-" + nowMillis);
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
}
