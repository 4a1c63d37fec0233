package io.gstatsd.ingest.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Datagrams the kernel dropped on our UDP sockets (receive buffer full), which the server never saw: the
 * {@code drops} column of Linux's {@code /proc/net/udp} and {@code udp6} for the sockets on our port. On a
 * system without those files it reports 0. Stateless apart from its port; thread-safe.
 */
public final class KernelDrops implements LongSupplier {

    private final List<Path> tables;
    private final String portSuffix;

    public KernelDrops(int port) {
        this(port, List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6")));
    }

    KernelDrops(int port, List<Path> tables) {
        this.tables = List.copyOf(tables);
        this.portSuffix = ":" + String.format(Locale.ROOT, "%04X", port);
    }

    /** The cumulative drops of every socket bound to the port, summed. */
    @Override
    public long getAsLong() {
        long drops = 0;
        for (Path table : tables) {
            drops += drops(table);
        }
        return drops;
    }

    private long drops(Path table) {
        if (!Files.isReadable(table)) {
            return 0;
        }
        long sum = 0;
        try {
            for (String line : Files.readAllLines(table)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length >= 13 && fields[1].endsWith(portSuffix)) {
                    sum += Long.parseLong(fields[fields.length - 1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return sum;
        }
        return sum;
    }
}
