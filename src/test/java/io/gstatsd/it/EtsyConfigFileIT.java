package io.gstatsd.it;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code payara/gstatsd -c} on a file that does not parse: exit status 2 and one line with its line and column. */
class EtsyConfigFileIT {

    @Test
    void aBrokenEtsyConfigFileStopsPayaraGstatsdWithItsLineAndColumn() throws Exception {
        Path file = GstatsdProcess.home().resolve("target/it-logs/broken-config.js");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\n  port: 8125\n  flushInterval: 1000\n}\n", StandardCharsets.UTF_8);
        Path err = GstatsdProcess.home().resolve("target/it-logs/broken-config.err");
        Process process = new ProcessBuilder(List.of(GstatsdProcess.home().resolve("payara/gstatsd").toString(),
                "-c", file.toString()))
                .directory(GstatsdProcess.home().toFile())
                .redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher answers before Payara would start");
        assertEquals(2, process.exitValue());
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("gstatsd: " + file + ": line 3, column 3: "), lines.get(0));
    }
}
