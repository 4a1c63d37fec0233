package io.gstatsd.flush.control;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Keeps the partial interval of a stopping server in the state directory ({@code gstatsd.state-dir}) for
 * the next one to take, in {@link PartialIntervalFormat}, as a {@link StateFile}: replaced atomically, and
 * set aside with one log line when damaged, of another format version, or older than the key TTL.
 * <p>
 * Not thread-safe: the flush calls it once at start and once at shutdown, under its own lock.
 */
public final class PartialIntervalStore {

    public static final String FILE_NAME = "partial-interval.bin";

    private static final Logger LOG = Logger.getLogger(PartialIntervalStore.class.getName());

    private final StateFile file;
    private final long maxAgeMillis;

    /**
     * @param maxAgeMillis a partial interval that ended longer ago than this is set aside, not flushed: every
     *                     key in it would have been forgotten by now ({@code gstatsd.key-ttl}); 0: no limit
     */
    public PartialIntervalStore(Path directory, long maxAgeMillis) {
        this.file = new StateFile(directory.resolve(FILE_NAME));
        if (maxAgeMillis < 0) {
            throw new IllegalArgumentException("maxAgeMillis must be >= 0, got " + maxAgeMillis);
        }
        this.maxAgeMillis = maxAgeMillis;
    }

    public Path file() {
        return file.path();
    }

    public void save(PartialInterval partial) throws IOException {
        file.replace(out -> PartialIntervalFormat.write(partial, out));
    }

    /**
     * The partial interval a previous server saved, removed from the directory (this process holds it now),
     * or empty when there is none or it cannot be used.
     */
    public Optional<PartialInterval> take(long nowMillis) {
        try {
            byte[] bytes = file.read();
            if (bytes == null) {
                return Optional.empty();
            }
            PartialInterval partial = PartialIntervalFormat.read(bytes);
            if (maxAgeMillis > 0 && nowMillis - partial.endMillis() > maxAgeMillis) {
                throw new UnusableStateException(UnusableStateException.Reason.TOO_OLD, "its interval ended at "
                        + Instant.ofEpochMilli(partial.endMillis()) + ", more than " + Duration.ofMillis(maxAgeMillis)
                        + " (key-ttl) ago");
            }
            return removed(partial);
        } catch (IOException e) {
            file.setAside(new UnusableStateException(UnusableStateException.Reason.DAMAGED, "unreadable: " + e), nowMillis);
        } catch (UnusableStateException e) {
            file.setAside(e, nowMillis);
        }
        return Optional.empty();
    }

    private Optional<PartialInterval> removed(PartialInterval partial) {
        try {
            file.delete();
            return Optional.of(partial);
        } catch (IOException e) {
            // Taken but left in place, the next start would count it again.
            LOG.warning("gstatsd: cannot remove the state file " + file + " (" + e + "); not using it");
            return Optional.empty();
        }
    }
}
