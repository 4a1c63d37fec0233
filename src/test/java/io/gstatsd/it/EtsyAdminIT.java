package io.gstatsd.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Etsy's admin interface, differentially: the same commands after the same datagrams, against the real Etsy
 * statsd 0.9.0 and {@code payara/gstatsd -c} on the same configuration file. Every answer is compared whole,
 * except {@code stats}, whose seconds depend on when each server started and was asked: there the lines'
 * names, the bad line count, and the seconds since the last message and the last flush (within two) are
 * compared. Each server's own ports are masked in the answers. Also: {@code health down} changes the answer but not
 * the receiving, and the file's unsupported keys make one start-up warning.
 */
class EtsyAdminIT {

    private static final int FLUSH_MILLIS = 2000;
    private static final Duration FLUSH_TIMEOUT = Duration.ofMillis(4 * FLUSH_MILLIS);

    private static final List<String> DATAGRAMS = List.of(
            "api.hits:1|c\napi.hits:2|c|@0.5",
            "api.rt:10|ms\napi.rt:20|ms\napi.rt:5|ms",
            "sandbox.temp.a:1|c\nsandbox.temp.b.c:4|c\nsandbox.keep:2|c",
            "queue.depth:10|g\nqueue.depth:+5|g\ntemp:-4.5|g",
            "sandbox.rt:1|ms:2|ms:3|ms:4|ms:5|ms:6|ms:7|ms:8|ms",
            "bad line");

    /** The commands, in order, right after the datagrams; then, after the next flush, {@link #AFTER_FLUSH}. */
    private static final List<String> COMMANDS = List.of("help", "counters", "timers", "gauges", "health", "health down",
            "health", "health UP", "health sideways", "stats", "delcounters sandbox.temp.* nothing.* api.hits",
            "counters", "deltimers sandbox.rt", "timers", "delgauges temp", "gauges", "nonsense", "config");
    private static final List<String> AFTER_FLUSH = List.of("counters", "timers", "gauges", "delcounters api.hits",
            "counters", "quit");

    @Test
    void gstatsdAnswersEveryAdminCommandAsEtsyStatsdDoes() throws Exception {
        try (GraphiteCapture etsyGraphite = GraphiteCapture.start(); GraphiteCapture ourGraphite = GraphiteCapture.start()) {
            int etsyPort = Ports.freeUdpPort();
            int ourPort = Ports.freeUdpPort();
            int etsyAdmin = Ports.freeTcpPort();
            int ourAdmin = Ports.freeTcpPort();
            Path etsyConfig = config("etsy", etsyPort, etsyGraphite.port(), etsyAdmin);
            Path ourConfig = config("gstatsd", ourPort, ourGraphite.port(), ourAdmin);
            try (GstatsdProcess ours = GstatsdProcess.startWith("admin", ourPort, List.of("-c", ourConfig.toString()));
                 EtsyStatsd etsy = EtsyStatsd.start("admin-etsy", etsyConfig)) {
                Map<String, String> expected = session(etsyGraphite, etsyPort, etsyAdmin, etsyGraphite.port());
                Map<String, String> actual = session(ourGraphite, ourPort, ourAdmin, ourGraphite.port());
                for (String command : expected.keySet()) {
                    if (command.contains("stats") && !command.contains("counters")) {
                        assertSameStats(expected.get(command), actual.get(command));
                    } else {
                        assertEquals(expected.get(command), actual.get(command), command);
                    }
                }
                assertEquals(1, ours.output().lines().filter(line -> line.contains("not supported, ignored")).count(),
                        ours.tail());
                assertTrue(ours.output().contains("not supported, ignored: title (the process title is Java's);"
                        + " keyFlush (no frequent-key log)"), ours.tail());
            }
        }
    }

    @Test
    void healthDownChangesOnlyTheAnswerTheServerKeepsReceivingAndFlushing() throws Exception {
        try (GraphiteCapture graphite = GraphiteCapture.start()) {
            int port = Ports.freeUdpPort();
            int admin = Ports.freeTcpPort();
            Path config = config("health", port, graphite.port(), admin);
            try (GstatsdProcess ours = GstatsdProcess.startWith("admin-health", port, List.of("-c", config.toString()));
                 AdminClient client = new AdminClient(admin)) {
                assertEquals("health: down\n", client.ask("health down"));
                graphite.clear();
                graphite.nextFlush(FLUSH_TIMEOUT);
                Udp.send(port, "still.counted:3|c");
                assertTrue(graphite.nextFlush(FLUSH_TIMEOUT).stream().anyMatch(line -> line.startsWith("stats_counts.still.counted 3 ")));
                assertEquals("health: down\n", client.ask("health"));
            }
        }
    }

    /** The answers, each server's own ports written as {@code <udp>}, {@code <admin>} and {@code <graphite>}. */
    private static Map<String, String> session(GraphiteCapture graphite, int udpPort, int adminPort, int graphitePort)
            throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        try (AdminClient client = new AdminClient(adminPort)) {
            graphite.clear();
            graphite.nextFlush(FLUSH_TIMEOUT);
            graphite.nextFlush(FLUSH_TIMEOUT);   // both servers have flushed twice: the lag gauge is there
            for (String datagram : DATAGRAMS) {
                Udp.send(udpPort, datagram);
            }
            Thread.sleep(100);
            List<String> seen = new ArrayList<>();
            for (String command : COMMANDS) {
                answers.put(numbered(seen, command), client.ask(command));
            }
            graphite.nextFlush(FLUSH_TIMEOUT);
            for (String command : AFTER_FLUSH) {
                answers.put(numbered(seen, "after the flush: " + command), client.ask(command));
            }
        }
        answers.replaceAll((command, answer) -> answer.replace(": " + udpPort + "\n", ": <udp>\n")
                .replace(": " + adminPort + "\n", ": <admin>\n").replace(": " + graphitePort + "\n", ": <graphite>\n"));
        return answers;
    }

    private static String numbered(List<String> seen, String command) {
        seen.add(command);
        return seen.size() + ". " + command;
    }

    private static void assertSameStats(String etsy, String ours) {
        List<String> expected = etsy.lines().toList();
        List<String> actual = ours.lines().toList();
        assertEquals(expected.stream().map(EtsyAdminIT::name).toList(), actual.stream().map(EtsyAdminIT::name).toList(), ours);
        for (int i = 0; i < expected.size(); i++) {
            String name = name(expected.get(i));
            if (name.equals("messages.bad_lines_seen") || !expected.get(i).contains(": ")) {
                assertEquals(expected.get(i), actual.get(i));
            } else if (name.equals("messages.last_msg_seen") || name.equals("graphite.last_flush")) {
                long want = Long.parseLong(expected.get(i).substring(name.length() + 2));
                long got = Long.parseLong(actual.get(i).substring(name.length() + 2));
                assertTrue(Math.abs(want - got) <= 2, name + ": Etsy " + want + ", gstatsd " + got);
            }
        }
    }

    private static String name(String line) {
        int colon = line.indexOf(": ");
        return colon < 0 ? line : line.substring(0, colon);
    }

    private static Path config(String server, int udpPort, int graphitePort, int adminPort) throws IOException {
        String text = """
                // written by EtsyAdminIT
                {
                  graphitePort: %d,
                  graphiteHost: '127.0.0.1',
                  port: %d,
                  address: '127.0.0.1',
                  mgmt_port: %d,
                  mgmt_address: '127.0.0.1',
                  flushInterval: %d,
                  percentThreshold: [90, 99],
                  title: 'statsd',
                  keyFlush: { interval: 0 },
                }
                """.formatted(graphitePort, udpPort, adminPort, FLUSH_MILLIS);
        Path file = GstatsdProcess.home().resolve("target/it-logs/admin-" + server + ".js");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
