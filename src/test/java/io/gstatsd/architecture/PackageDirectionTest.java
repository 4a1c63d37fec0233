package io.gstatsd.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports run one way, the way a datagram goes: the vocabulary and configuration at the bottom, then
 * ingest, aggregate, the sinks, and flush, which knows only the {@code Sink} interface the sinks implement.
 * Inside a capability, boundary uses control uses entity, never the other way.
 */
class PackageDirectionTest {

    /** capability -> the capabilities it may use besides itself. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("vocabulary", Set.of()),
            Map.entry("configuration", Set.of()),
            Map.entry("client", Set.of()),
            Map.entry("ingest", Set.of("vocabulary", "configuration", "aggregate")),
            Map.entry("aggregate", Set.of("vocabulary", "configuration")),
            Map.entry("flush", Set.of("vocabulary", "configuration", "aggregate")),
            Map.entry("graphite", Set.of("vocabulary", "configuration", "aggregate", "flush")),
            Map.entry("load", Set.of("vocabulary", "configuration", "aggregate", "flush")),
            Map.entry("cluster", Set.of("configuration", "aggregate", "flush")),
            Map.entry("prometheus", Set.of("vocabulary", "configuration", "aggregate", "flush")),
            Map.entry("telemetry", Set.of("vocabulary", "configuration", "aggregate", "flush")),
            Map.entry("health", Set.of("configuration", "aggregate", "ingest", "flush")),
            Map.entry("admin", Set.of("vocabulary", "configuration", "aggregate", "flush")),
            Map.entry("repeater", Set.of("configuration", "ingest", "aggregate")),
            Map.entry("cli", Set.of("vocabulary", "configuration", "ingest")));

    /** Another capability's boundary (a container bean) may be used only along these edges. */
    private static final Set<String> BOUNDARY_EDGES = Set.of("ingest->aggregate", "flush->aggregate",
            "health->aggregate", "health->ingest", "admin->aggregate", "repeater->aggregate", "telemetry->aggregate");

    private static final List<String> LAYERS = List.of("entity", "control", "boundary");
    private static final Pattern PACKAGE = Pattern.compile("^package io\\.gstatsd\\.([a-z]+)(?:\\.([a-z]+))?;", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.gstatsd\\.([a-z]+)(?:\\.([a-z]+))?\\.[A-Z]");

    @Test
    void everyImportPointsDownThePipeline() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/gstatsd"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                violations.addAll(violations(file.getFileName().toString(), Files.readString(file)));
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void everyCapabilityIsInTheTable() throws IOException {
        Set<String> capabilities = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(Path.of("src/main/java/io/gstatsd"))) {
            dirs.filter(Files::isDirectory).forEach(dir -> capabilities.add(dir.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(ALLOWED.keySet()), capabilities);
    }

    @Test
    void aBackArrowIsCaught() {
        assertEquals(List.of("Shard.java: aggregate.control -> ingest.control"),
                violations("Shard.java", "package io.gstatsd.aggregate.control;\nimport io.gstatsd.ingest.control.LineParser;\n"));
        assertEquals(List.of("Flush.java: flush.control -> graphite.control"),
                violations("Flush.java", "package io.gstatsd.flush.control;\nclass F { io.gstatsd.graphite.control.GraphiteSink s; }\n"));
        assertEquals(List.of("Sinks.java: load.boundary -> graphite.boundary"),
                violations("Sinks.java", "package io.gstatsd.load.boundary;\nimport io.gstatsd.graphite.boundary.GraphiteSinks;\n"));
        assertEquals(List.of("Snapshot.java: aggregate.entity -> aggregate.control"),
                violations("Snapshot.java", "package io.gstatsd.aggregate.entity;\nimport io.gstatsd.aggregate.control.Shard;\n"));
        assertTrue(violations("UdpListener.java", "package io.gstatsd.ingest.boundary;\n"
                + "import io.gstatsd.aggregate.boundary.Aggregator;\nimport io.gstatsd.vocabulary.entity.BadLine;\n").isEmpty());
    }

    private static List<String> violations(String fileName, String source) {
        Matcher own = PACKAGE.matcher(source);
        if (!own.find()) {
            return List.of();
        }
        String capability = own.group(1);
        String layer = own.group(2);
        Set<String> found = new TreeSet<>();
        Matcher reference = REFERENCE.matcher(source.substring(own.end()));
        while (reference.find()) {
            String toCapability = reference.group(1);
            String toLayer = reference.group(2);
            if (!allowed(capability, layer, toCapability, toLayer)) {
                found.add(fileName + ": " + name(capability, layer) + " -> " + name(toCapability, toLayer));
            }
        }
        return new ArrayList<>(found);
    }

    private static boolean allowed(String capability, String layer, String toCapability, String toLayer) {
        if (capability.equals(toCapability)) {
            return LAYERS.indexOf(toLayer) <= LAYERS.indexOf(layer);
        }
        Set<String> allowed = ALLOWED.get(capability);
        if (allowed == null || !allowed.contains(toCapability)) {
            return false;
        }
        return !"boundary".equals(toLayer) || BOUNDARY_EDGES.contains(capability + "->" + toCapability);
    }

    private static String name(String capability, String layer) {
        return layer == null ? capability : capability + "." + layer;
    }
}
