package io.gstatsd.admin.control;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.control.KeyRegistries;
import io.gstatsd.aggregate.control.ShardPair;
import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.ingest.control.LineParser;
import io.gstatsd.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Etsy statsd 0.9's admin answers (stats.js, lib/mgmt_console.js), on a real aggregation with a manual clock. */
class AdminCommandsTest {

    private static final long T0 = 1_700_000_000_000L;

    /** A clock the test moves; the aggregation's nano clock follows it. */
    private final ManualClock clock = new ManualClock(T0);
    private final Aggregation aggregation = new Aggregation(KeyRegistries.withMaxKeys(100), "", false, 0, 10_000,
            () -> clock.millis() * 1_000_000);
    private final ShardPair receiver = aggregation.newShardPair();
    private final HealthStatus health = new HealthStatus(true);
    private final Sink graphite = new Sink() {
        @Override
        public void publish(Snapshot snapshot) {
        }

        @Override
        public void status(StatusWriter out) {
            out.write("graphite", "last_flush", T0 / 1000 + 5);
            out.write("graphite", "last_exception", 0);
            out.write("graphite", "flush_time", 3);
            out.write("graphite", "flush_length", 1234);
        }
    };
    private final AdminCommands commands = new AdminCommands(aggregation, () -> List.of(graphite), health,
            () -> "\nport: 8125\n", clock);

    private void send(String datagram) {
        byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        receiver.write(new LineParser(), bytes, 0, bytes.length);
    }

    private String run(String line) {
        return commands.execute(line).text();
    }

    @Test
    void helpListsTheCommandsAndAnythingElseIsAnError() {
        assertEquals("Commands: stats, counters, timers, gauges, delcounters, deltimers, delgauges, health, config, quit\n\n",
                run("help"));
        assertEquals("ERROR\n", run("status"));
        assertEquals("ERROR\n", run(""));
        assertEquals("\nport: 8125\n", run("config\r"));
    }

    @Test
    void healthIsSetByUpAndDownAndOtherwiseOnlyAnswered() {
        assertEquals("health: up\n", run("health"));
        assertEquals("health: down\n", run("health down"));
        assertFalse(health.up());
        assertEquals("health: down\n", run("health sideways"));
        assertEquals("health: up\n", run("health UP\r\n"));
    }

    @Test
    void quitClosesTheConnectionWithoutAnAnswer() {
        AdminCommands.Answer answer = commands.execute("quit");
        assertTrue(answer.close());
        assertEquals("", answer.text());
    }

    @Test
    void countersTimersAndGaugesShowTheIntervalSoFarAsUtilInspectPrintsThem() {
        send("hits:3|c\nhits:1|c|@0.5\nrt:10|ms\nrt:2|ms\ntemp:-4|g\nbad");
        assertEquals("{\n  'statsd.bad_lines_seen': 1,\n  'statsd.packets_received': 1,\n  'statsd.metrics_received': 6,\n"
                + "  hits: 5\n}\nEND\n\n", run("counters"));
        assertEquals("{ rt: [ 10, 2 ] }\nEND\n\n", run("timers"));
        assertEquals("{ temp: -4 }\nEND\n\n", run("gauges"));
        aggregation.drain(T0 + 10_000);
        assertEquals("{\n  'statsd.bad_lines_seen': 0,\n  'statsd.packets_received': 0,\n  'statsd.metrics_received': 0,\n"
                + "  hits: 0\n}\nEND\n\n", run("counters"), "a flush starts the counters again; idle ones stay at 0");
        assertEquals("{ rt: [] }\nEND\n\n", run("timers"));
    }

    @Test
    void deleteTakesANameOrAFolderAndSaysWhatItDidNotFind() {
        send("app.a:1|c\napp.b.c:2|c\nother:3|c");
        assertEquals("deleted: app.a\ndeleted: app.b.c\nmetric nothing.* not found\nmetric other.x not found\nEND\n\n",
                run("delcounters app.* nothing.* other.x"));
        assertEquals("deleted: other\nEND\n\n", run("delcounters other"));
        assertEquals("metric other not found\nEND\n\n", run("delcounters other"));
        send("app.a:7|c");
        List<CounterValue> flushed = aggregation.drain(T0 + 10_000).counters();
        assertEquals(List.of("app.a 7.0"), flushed.stream().filter(c -> !c.name().startsWith("statsd."))
                .map(c -> c.name() + " " + c.value()).toList(), "deleted keys are gone until written again");
    }

    @Test
    void deletedGaugesAndTimersAreNotFlushed() {
        send("g:5|g\nt:1|ms");
        assertEquals("deleted: g\nEND\n\n", run("delgauges g"));
        assertEquals("deleted: t\nEND\n\n", run("deltimers t"));
        Snapshot snapshot = aggregation.drain(T0 + 10_000);
        assertTrue(snapshot.gauges().isEmpty());
        assertTrue(snapshot.timers().isEmpty());
        assertEquals("{}\nEND\n\n", run("gauges"));
    }

    @Test
    void statsGivesUptimeSecondsSinceTheLastMessageBadLinesSinceStartAndEachBackendsFigures() {
        clock.set(T0 + 4_000);
        send("bad\nx:1|c");
        aggregation.drain(clock.millis());
        send("also bad");
        clock.set(T0 + 30_000);
        assertEquals("""
                uptime: 30
                messages.last_msg_seen: 26
                messages.bad_lines_seen: 2
                graphite.last_flush: 25
                graphite.last_exception: 1700000030
                graphite.flush_time: 3
                graphite.flush_length: 1234
                END

                """, run("stats"));
    }
}
