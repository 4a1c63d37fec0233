package io.gstatsd.graphite.control;

import io.gstatsd.graphite.entity.CarbonTarget;
import io.gstatsd.graphite.entity.FlushText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeptFlushesTest {

    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path stateDir;

    private final CarbonTarget target = new CarbonTarget("::1", 2003, 1000);

    private static FlushText text(String lines) {
        return FlushText.of(lines);
    }

    private static List<String> strings(List<FlushText> flushes) {
        return flushes.stream().map(FlushText::utf8).toList();
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(stateDir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void keptFlushesComeBackInOrderOnceAndTheFileGoes() throws Exception {
        FlushText inChunks = FlushText.of(List.of(ByteBuffer.wrap("stats_counts.a 1 ".getBytes(StandardCharsets.UTF_8)),
                ByteBuffer.wrap("1700000000\n".getBytes(StandardCharsets.UTF_8))));
        new KeptFlushes(stateDir, target).keep(List.of(inChunks, text(""), text("stats_counts.a 2 1700000010\n")));
        assertEquals("stats_counts.a 1 1700000000\n", inChunks.utf8(), "the queue's flushes are not consumed");
        assertEquals(List.of("graphite-queue-__1_2003.bin"), files());
        assertEquals(List.of("stats_counts.a 1 1700000000\n", "", "stats_counts.a 2 1700000010\n"),
                strings(new KeptFlushes(stateDir, target).take(NOW)));
        assertEquals(List.of(), files());
        assertEquals(List.of(), new KeptFlushes(stateDir, target).take(NOW));
    }

    @Test
    void eachTargetHasItsOwnFile() throws Exception {
        new KeptFlushes(stateDir, new CarbonTarget("stats1", 2003, 1000)).keep(List.of(text("a 1 1\n")));
        new KeptFlushes(stateDir, new CarbonTarget("stats1", 2004, 1000)).keep(List.of(text("b 1 1\n")));
        assertEquals(List.of("a 1 1\n"), strings(new KeptFlushes(stateDir, new CarbonTarget("stats1", 2003, 1000)).take(NOW)));
        assertEquals(List.of("b 1 1\n"), strings(new KeptFlushes(stateDir, new CarbonTarget("stats1", 2004, 1000)).take(NOW)));
    }

    @Test
    void aDamagedFileIsSetAsideAndNothingIsSent() throws Exception {
        KeptFlushes kept = new KeptFlushes(stateDir, target);
        kept.keep(List.of(text("stats_counts.a 1 1700000000\n")));
        byte[] bytes = Files.readAllBytes(kept.path());
        bytes[14] ^= 1;
        Files.write(kept.path(), bytes);
        assertEquals(List.of(), kept.take(NOW));
        assertEquals(List.of("graphite-queue-__1_2003.bin.damaged-" + NOW), files());
    }

    @Test
    void aFileOfAnotherVersionIsSetAside() throws Exception {
        KeptFlushes kept = new KeptFlushes(stateDir, target);
        kept.keep(List.of(text("stats_counts.a 1 1700000000\n")));
        byte[] bytes = Files.readAllBytes(kept.path());
        ByteBuffer.wrap(bytes).putInt(4, 2);
        Files.write(kept.path(), bytes);
        assertEquals(List.of(), kept.take(NOW));
        assertTrue(files().get(0).endsWith(".other-version-" + NOW), files().toString());
    }
}
