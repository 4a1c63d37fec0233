package io.gstatsd.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @Test
    void theOriginalReadmeExamplesMapOntoProperties() {
        assertEquals(Map.of("gstatsd.sinks", "2003", "gstatsd.flush-interval", "5"),
                CommandLine.parse("-s", "2003", "-f", "5").properties());
        assertEquals(Map.of("gstatsd.bind", "foo:8126", "gstatsd.sinks", "bar:2003", "gstatsd.flush-interval", "20"),
                CommandLine.parse("-b", "foo:8126", "-s", "bar:2003", "-f", "20").properties());
        assertEquals(Map.of("gstatsd.bind", ":8125", "gstatsd.sinks", "stats1:2003,stats2:2004"),
                CommandLine.parse("-b", ":8125", "-s", "stats1:2003", "-s", "stats2:2004").properties());
    }

    @Test
    void longShortAttachedAndEqualsFormsAreTheSame() {
        Map<String, String> expected = Map.of("gstatsd.sinks", "a:1,b:2,c:3,d:4", "gstatsd.sink-type", "load",
                "gstatsd.percent", "90,99", "gstatsd.prefix", "app", "gstatsd.load.bind", ":8082");
        assertEquals(expected, CommandLine.parse("-s", "a:1", "--sink", "b:2", "-sc:3", "--sink=d:4",
                "--type", "load", "-p", "90", "--percent=99", "-xapp", "-l", ":8082").properties());
    }

    @Test
    void typesAreRepeatableSoOneServerFeedsSeveralSinks() {
        assertEquals(Map.of("gstatsd.sink-type", "graphite,prometheus", "gstatsd.sinks", "carbon:2003"),
                CommandLine.parse("-t", "graphite", "-s", "carbon:2003", "--type=prometheus").properties());
        assertEquals(Map.of("gstatsd.sink-type", "graphite,prometheus"),
                CommandLine.parse("-t", "graphite,prometheus").properties());
    }

    @Test
    void flagsCombineAndVerbosityCounts() {
        CommandLine line = CommandLine.parse("-vvD", "--verbose");
        assertEquals("3", line.properties().get("gstatsd.verbosity"));
        assertTrue(line.daemonize());
        assertFalse(line.help());
        assertTrue(CommandLine.parse("-h").help());
        assertTrue(CommandLine.parse("--version").version());
    }

    @Test
    void anyPropertyCanBeGivenWithMinusD() {
        assertEquals(Map.of("gstatsd.delete-idle", "true", "gstatsd.flush-interval", "1"),
                CommandLine.parse("-Dgstatsd.delete-idle=true", "-f", "1").properties());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--bogus|unknown option --bogus",
            "--bogus=1|unknown option --bogus",
            "-q|unknown option -q",
            "-s|option -s needs a value",
            "--flush|option --flush needs a value",
            "--help=yes|option --help takes no value",
            "stray|unexpected argument \"stray\"",
            "-D=1|-D needs key=value, got \"-D=1\"",
    })
    void badOptionsAreNamed(String arg, String message) {
        CommandLine.UsageException e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(arg));
        assertEquals(message, e.getMessage());
    }

    @Test
    void anEtsyConfigFileIsGivenWithMinusCAndMadeAbsolute() {
        String expected = java.nio.file.Path.of("conf/config.js").toAbsolutePath().normalize().toString();
        assertEquals(expected, CommandLine.parse("-c", "conf/config.js").properties().get("gstatsd.etsy-config"));
        assertEquals(expected, CommandLine.parse("--config=conf/./config.js").properties().get("gstatsd.etsy-config"));
    }
}
