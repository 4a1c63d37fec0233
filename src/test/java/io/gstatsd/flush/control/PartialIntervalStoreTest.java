package io.gstatsd.flush.control;

import io.gstatsd.aggregate.entity.KeyActivity;
import io.gstatsd.aggregate.entity.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartialIntervalStoreTest {

    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path dir;

    private final Logger logger = Logger.getLogger(StateFile.class.getName());
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        logger.addHandler(handler);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(handler);
    }

    private final PartialInterval partial = PartialIntervalFormatTest.partial();
    private final long shortlyAfter = partial.endMillis() + 2_000;

    private PartialIntervalStore store() {
        return new PartialIntervalStore(dir.resolve("state"), DAY);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("state"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSavedPartialIntervalIsTakenOnceAndLeavesNoFileBehind() throws Exception {
        store().save(partial);
        assertEquals(List.of(PartialIntervalStore.FILE_NAME), files(), "no temporary file left");
        PartialIntervalFormatTest.assertSamePartial(partial, store().take(shortlyAfter).orElseThrow());
        assertEquals(List.of(), files());
        assertTrue(store().take(shortlyAfter).isEmpty(), "taken once");
        assertEquals(List.of(), logged);
    }

    @Test
    void aSaveReplacesAnEarlierOne() throws Exception {
        store().save(new PartialInterval(new Snapshot(1_000, 10_000, List.of(), List.of(), List.of(), List.of(), 0), KeyActivity.NONE));
        store().save(partial);
        PartialIntervalFormatTest.assertSamePartial(partial, store().take(shortlyAfter).orElseThrow());
    }

    @Test
    void withoutAKeyTtlAFileOfAnyAgeIsTaken() throws Exception {
        PartialIntervalStore forEver = new PartialIntervalStore(dir.resolve("state"), 0);
        forEver.save(partial);
        assertTrue(forEver.take(partial.endMillis() + 400 * DAY).isPresent());
    }

    @Test
    void noStateDirectoryOrNoFileIsNothingToTakeAndNothingToSay() {
        assertTrue(store().take(shortlyAfter).isEmpty());
        assertEquals(List.of(), logged);
    }

    @Test
    void aDamagedFileIsSetAsideWithOneLogLine() throws Exception {
        store().save(partial);
        Path file = dir.resolve("state").resolve(PartialIntervalStore.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertSetAside("damaged", "checksum mismatch");
    }

    @Test
    void aTruncatedFileIsSetAsideWithOneLogLine() throws Exception {
        store().save(partial);
        Path file = dir.resolve("state").resolve(PartialIntervalStore.FILE_NAME);
        Files.write(file, new byte[]{'g', 's'});
        assertSetAside("damaged", "too short");
    }

    @Test
    void aFileOfAnotherVersionIsSetAsideWithOneLogLine() throws Exception {
        store().save(partial);
        Path file = dir.resolve("state").resolve(PartialIntervalStore.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(4, 7);
        Files.write(file, bytes);
        assertSetAside("other-version", "format version 7");
    }

    @Test
    void aFileOlderThanTheMaximumAgeIsSetAsideWithOneLogLine() throws Exception {
        store().save(partial);
        long aDayLater = partial.endMillis() + DAY + 1;
        assertTrue(store().take(aDayLater).isEmpty());
        assertOneLineAndAside("too-old", aDayLater, "more than PT24H (key-ttl) ago");
    }

    private void assertSetAside(String suffix, String why) throws IOException {
        assertTrue(store().take(shortlyAfter).isEmpty());
        assertOneLineAndAside(suffix, shortlyAfter, why);
    }

    private void assertOneLineAndAside(String suffix, long takenAtMillis, String why) throws IOException {
        assertEquals(List.of(PartialIntervalStore.FILE_NAME + "." + suffix + "-" + takenAtMillis), files());
        assertEquals(1, logged.size(), logged.toString());
        String line = logged.get(0).getMessage();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains(why) && line.contains("set aside as") && line.contains("starting without it"), line);
    }
}
