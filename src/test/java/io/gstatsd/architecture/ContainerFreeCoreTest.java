package io.gstatsd.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only boundary packages may touch Jakarta EE or MicroProfile, so the hot path runs and tests outside Payara. */
class ContainerFreeCoreTest {

    @Test
    void controlEntityClientAndCliSourcesImportNoContainerApi() throws IOException {
        Path sources = Path.of("src/main/java/io/gstatsd");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(sources)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.toString().contains("/boundary/"))
                    .filter(ContainerFreeCoreTest::importsContainerApi)
                    .map(Path::toString)
                    .sorted()
                    .toList();
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void theCheckSeesTheSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/gstatsd"))) {
            assertTrue(files.filter(p -> p.toString().contains("/control/")).count() > 10);
        }
    }

    private static boolean importsContainerApi(Path file) {
        try {
            return Files.readAllLines(file).stream().anyMatch(line ->
                    line.startsWith("import jakarta.") || line.startsWith("import org.eclipse.microprofile.")
                            || line.startsWith("import fish.payara."));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
