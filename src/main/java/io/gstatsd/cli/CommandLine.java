package io.gstatsd.cli;

import io.gstatsd.configuration.control.ConfigReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original gstatsd options, mapped onto {@code gstatsd.*} properties: {@code -b/--bind},
 * {@code -s/--sink} (repeatable), {@code -t/--type} (repeatable, or comma-separated: several sinks at once), {@code -f/--flush}, {@code -p/--percent},
 * {@code -x/--prefix}, {@code -l/--load}, {@code -c/--config} (an Etsy statsd configuration file, made absolute
 * here), {@code -v} (repeatable), {@code -D/--daemonize}, {@code --version},
 * {@code -h/--help}, and {@code -Dgstatsd.key=value} for any property. Values may follow as the next
 * argument, attached ({@code -s2003}) or after '=' ({@code --sink=2003}); flags may be combined ({@code -vv}).
 * Immutable once parsed.
 */
public final class CommandLine {

    /** An option the user got wrong; the message is meant for the operator. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> properties;
    private final boolean daemonize;
    private final boolean help;
    private final boolean version;

    private CommandLine(Map<String, String> properties, boolean daemonize, boolean help, boolean version) {
        this.properties = Collections.unmodifiableMap(properties);
        this.daemonize = daemonize;
        this.help = help;
        this.version = version;
    }

    public static CommandLine parse(String... args) {
        return new Parser(args).parse();
    }

    public Map<String, String> properties() {
        return properties;
    }

    public boolean daemonize() {
        return daemonize;
    }

    public boolean help() {
        return help;
    }

    public boolean version() {
        return version;
    }

    private static final class Parser {
        private final String[] args;
        private int next;
        private final List<String> binds = new ArrayList<>();
        private final List<String> sinks = new ArrayList<>();
        private final List<String> types = new ArrayList<>();
        private final List<String> percents = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private int verbosity;
        private boolean daemonize;
        private boolean help;
        private boolean version;

        Parser(String[] args) {
            this.args = args;
        }

        CommandLine parse() {
            while (next < args.length) {
                String arg = args[next++];
                if (arg.startsWith("--")) {
                    longOption(arg);
                } else if (arg.startsWith("-D") && arg.contains("=")) {
                    String assignment = arg.substring(2);
                    int equals = assignment.indexOf('=');
                    if (equals == 0) {
                        throw new UsageException("-D needs key=value, got \"" + arg + "\"");
                    }
                    properties.put(assignment.substring(0, equals), assignment.substring(equals + 1));
                } else if (arg.startsWith("-") && arg.length() > 1) {
                    shortOptions(arg);
                } else {
                    throw new UsageException("unexpected argument \"" + arg + "\"");
                }
            }
            join(ConfigReader.BIND, binds);
            join(ConfigReader.SINKS, sinks);
            join(ConfigReader.SINK_TYPE, types);
            join(ConfigReader.PERCENT, percents);
            if (verbosity > 0) {
                properties.put(ConfigReader.VERBOSITY, Integer.toString(verbosity));
            }
            return new CommandLine(new LinkedHashMap<>(properties), daemonize, help, version);
        }

        private void join(String key, List<String> values) {
            if (!values.isEmpty()) {
                properties.put(key, String.join(",", values));
            }
        }

        private void longOption(String arg) {
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            String attached = equals < 0 ? null : arg.substring(equals + 1);
            switch (name) {
                case "help" -> help = flag(arg, attached);
                case "version" -> version = flag(arg, attached);
                case "daemonize" -> daemonize = flag(arg, attached);
                case "verbose" -> verbosity += flag(arg, attached) ? 1 : 0;
                default -> valued(optionFor(name, arg), attached != null ? attached : value(arg));
            }
        }

        private void shortOptions(String arg) {
            for (int i = 1; i < arg.length(); i++) {
                char option = arg.charAt(i);
                switch (option) {
                    case 'h' -> help = true;
                    case 'v' -> verbosity++;
                    case 'D' -> daemonize = true;
                    case 'b', 's', 't', 'f', 'p', 'x', 'l', 'c' -> {
                        String rest = arg.substring(i + 1);
                        valued(option, rest.isEmpty() ? value("-" + option) : rest);
                        return;
                    }
                    default -> throw new UsageException("unknown option -" + option);
                }
            }
        }

        private static char optionFor(String longName, String arg) {
            return switch (longName) {
                case "bind" -> 'b';
                case "sink" -> 's';
                case "type" -> 't';
                case "flush" -> 'f';
                case "percent" -> 'p';
                case "prefix" -> 'x';
                case "load" -> 'l';
                case "config" -> 'c';
                case "cluster" -> 'C';
                case "members" -> 'M';
                default -> throw new UsageException("unknown option " + (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg));
            };
        }

        private void valued(char option, String value) {
            switch (option) {
                case 'b' -> binds.add(value);
                case 's' -> sinks.add(value);
                case 'p' -> percents.add(value);
                case 't' -> types.add(value);
                case 'f' -> properties.put(ConfigReader.FLUSH_INTERVAL, value);
                case 'x' -> properties.put(ConfigReader.PREFIX, value);
                case 'l' -> properties.put(ConfigReader.LOAD_BIND, value);
                case 'C' -> properties.put(ConfigReader.CLUSTER_NAME, value);
                case 'M' -> properties.put(ConfigReader.CLUSTER_MEMBERS, value);
                case 'c' -> properties.put(ConfigReader.ETSY_CONFIG, Path.of(value).toAbsolutePath().normalize().toString());
                default -> throw new IllegalStateException("no property for -" + option);
            }
        }

        private String value(String option) {
            if (next >= args.length) {
                throw new UsageException("option " + option + " needs a value");
            }
            return args[next++];
        }

        private static boolean flag(String arg, String attached) {
            if (attached != null) {
                throw new UsageException("option " + arg.substring(0, arg.indexOf('=')) + " takes no value");
            }
            return true;
        }
    }
}
