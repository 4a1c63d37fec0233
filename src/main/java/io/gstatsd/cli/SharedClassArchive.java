package io.gstatsd.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Payara Micro defines some 20,000 classes while it boots; an application class-data-sharing archive of
 * them (the JDK's dynamic CDS, {@code -XX:ArchiveClassesAtExit}) lets later starts map them instead, about
 * 2 s of the 10-12 s start-up on the project's 2-core machines.
 * <p>
 * The first foreground run without an archive records one when it exits (the exit takes a few seconds
 * longer, once) into a file of its own, which {@code payara/gstatsd} then renames into place, so runs
 * started side by side never read a half-written archive. The archive is named for the JVM that wrote it:
 * another JDK records its own. A stale or damaged archive costs nothing but the speed-up: the JVM checks
 * it and, failing the check, starts without it.
 */
final class SharedClassArchive {

    /** The JVM's own notes about archived classes are for JDK developers, not operators. */
    private static final String QUIET = "-Xlog:cds*=off";

    private final Path archive;

    SharedClassArchive(Path home, String vmVersion) {
        this.archive = home.resolve("target/cds/payara-" + vmVersion.replaceAll("[^A-Za-z0-9.+-]", "_") + ".jsa");
    }

    /** What one start does about the archive: the JVM options, and the file to rename into place after exit. */
    record Plan(List<String> javaOptions, Path recording, Path archive) {
        boolean records() {
            return recording != null;
        }
    }

    /**
     * @param mayRecord whether this run can record an archive (a foreground run, whose exit the script
     *                  waits for, and sharing not turned off)
     */
    Plan plan(boolean mayRecord, long runId) throws IOException {
        if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
            return new Plan(List.of("-XX:SharedArchiveFile=" + archive, QUIET), null, archive);
        }
        if (!mayRecord) {
            return new Plan(List.of(), null, archive);
        }
        Files.createDirectories(archive.getParent());
        Path recording = archive.resolveSibling(archive.getFileName() + "." + runId + ".tmp");
        return new Plan(List.of("-XX:ArchiveClassesAtExit=" + recording, QUIET), recording, archive);
    }
}
