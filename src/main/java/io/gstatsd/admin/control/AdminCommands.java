package io.gstatsd.admin.control;

import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.entity.KeyKind;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.vocabulary.control.EpochSeconds;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The commands of Etsy statsd 0.9's admin interface (docs/admin_interface.md) with Etsy's answers, byte for
 * byte where Etsy's are deterministic: {@code help}, {@code stats}, {@code counters}, {@code timers},
 * {@code gauges}, {@code delcounters}, {@code deltimers}, {@code delgauges} (a name, or a folder as
 * {@code prefix.*}), {@code health [up|down]}, {@code config}, {@code quit}; anything else is {@code ERROR}.
 * Thread-safe: every admin connection may call it at once (the aggregation serialises what it touches).
 */
public final class AdminCommands {

    /** What to write back, and whether to close the connection after it. */
    public record Answer(String text, boolean close) {
    }

    static final String HELP = "Commands: stats, counters, timers, gauges, delcounters, deltimers, delgauges, health,"
            + " config, quit\n\n";

    private final Aggregation aggregation;
    private final Supplier<List<Sink>> sinks;
    private final HealthStatus health;
    private final Supplier<String> config;
    private final Clock clock;
    private final long startedSeconds;

    /**
     * @param sinks  the sinks whose own figures {@code stats} lists, as Etsy lists its backends'
     * @param config the {@code config} answer
     */
    public AdminCommands(Aggregation aggregation, Supplier<List<Sink>> sinks, HealthStatus health,
                         Supplier<String> config, Clock clock) {
        this.aggregation = Objects.requireNonNull(aggregation, "aggregation");
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.health = Objects.requireNonNull(health, "health");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startedSeconds = EpochSeconds.of(clock.millis());
    }

    /** Runs one command line (Etsy's {@code data.trim().split(" ")}: the first word, then its parameters). */
    public Answer execute(String line) {
        String[] words = line.strip().split(" ", -1);
        String command = words[0];
        List<String> parameters = List.of(words).subList(1, words.length);
        return switch (command) {
            case "help" -> new Answer(HELP, false);
            case "config" -> new Answer(config.get(), false);
            case "health" -> new Answer(health(parameters), false);
            case "stats" -> new Answer(stats(), false);
            case "counters" -> new Answer(JsInspect.object(aggregation.peek().counters()) + "\nEND\n\n", false);
            case "timers" -> new Answer(JsInspect.object(aggregation.peek().timers()) + "\nEND\n\n", false);
            case "gauges" -> new Answer(JsInspect.object(aggregation.peek().gauges()) + "\nEND\n\n", false);
            case "delcounters" -> new Answer(delete(KeyKind.COUNTER, parameters), false);
            case "deltimers" -> new Answer(delete(KeyKind.TIMER, parameters), false);
            case "delgauges" -> new Answer(delete(KeyKind.GAUGE, parameters), false);
            case "quit" -> new Answer("", true);
            default -> new Answer("ERROR\n", false);
        };
    }

    private String health(List<String> parameters) {
        if (!parameters.isEmpty()) {
            String action = parameters.get(0).toLowerCase(Locale.ROOT);
            if (action.equals("up")) {
                health.set(true);
            } else if (action.equals("down")) {
                health.set(false);
            }
        }
        return "health: " + health.text() + "\n";
    }

    /** Etsy's seconds: {@code last_*} figures as seconds ago, the rest as they are. */
    private String stats() {
        long nowMillis = clock.millis();
        long now = EpochSeconds.of(nowMillis);
        StringBuilder out = new StringBuilder();
        out.append("uptime: ").append(now - startedSeconds).append('\n');
        long lastMessage = EpochSeconds.of(nowMillis - aggregation.nanosSinceLastDatagram() / 1_000_000);
        out.append("messages.last_msg_seen: ").append(now - lastMessage).append('\n');
        out.append("messages.bad_lines_seen: ").append(aggregation.badLinesSeen()).append('\n');
        for (Sink sink : sinks.get()) {
            sink.status((backend, figure, value) -> out.append(backend).append('.').append(figure).append(": ")
                    .append(figure.startsWith("last_") ? now - value : value).append('\n'));
        }
        return out.append("END\n\n").toString();
    }

    /** Each parameter deletes the key of that name, and with a trailing {@code .*} every key under it. */
    private String delete(KeyKind kind, List<String> parameters) {
        Set<String> keys = new LinkedHashSet<>(aggregation.peek().of(kind).keySet());
        StringBuilder out = new StringBuilder();
        List<String> deleted = new ArrayList<>();
        for (String bucket : parameters) {
            List<String> matches = new ArrayList<>();
            if (keys.contains(bucket)) {
                matches.add(bucket);
            }
            if (bucket.endsWith(".*")) {
                String folder = bucket.substring(0, bucket.length() - 1);
                for (String key : keys) {
                    if (key.startsWith(folder)) {
                        matches.add(key);
                    }
                }
            }
            if (matches.isEmpty()) {
                out.append("metric ").append(bucket).append(" not found\n");
            }
            for (String key : matches) {
                keys.remove(key);
                deleted.add(key);
                out.append("deleted: ").append(key).append('\n');
            }
        }
        aggregation.delete(kind, deleted);
        return out.append("END\n\n").toString();
    }
}
