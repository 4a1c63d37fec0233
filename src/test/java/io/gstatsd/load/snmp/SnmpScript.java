package io.gstatsd.load.snmp;

import io.gstatsd.testing.Await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** payara/gstatsd-snmp as snmpd runs it: one pass_persist process fed requests, or one pass call per request. */
final class SnmpScript implements AutoCloseable {

    static final String BASE = ".1.3.6.1.4.1.8072.9999.8125";
    static final Path SCRIPT = Path.of("payara/gstatsd-snmp").toAbsolutePath();

    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    private SnmpScript(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** A pass_persist process, as snmpd starts it for a pass_persist line. */
    static SnmpScript persist(String... options) throws IOException {
        return new SnmpScript(builder(options).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** One pass call ({@code -g OID}, {@code -n OID}, {@code -s ...}): its standard output and error. */
    static Result pass(String... arguments) throws IOException, InterruptedException {
        Process process = builder(arguments).start();
        process.getOutputStream().close();
        byte[] stdout = process.getInputStream().readAllBytes();
        byte[] stderr = process.getErrorStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("gstatsd-snmp " + List.of(arguments) + " did not exit");
        }
        return new Result(process.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                new String(stderr, StandardCharsets.UTF_8));
    }

    record Result(int status, String stdout, String stderr) {
    }

    private static ProcessBuilder builder(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        // the system's python3 first, as snmpd's own PATH has it (a version manager's shim can take seconds)
        builder.environment().merge("PATH", "/usr/bin:/bin", (old, system) -> system + ":" + old);
        return builder;
    }

    /** Sends one request and returns the answer's lines: [oid, type, value], or ["NONE"]. */
    List<String> request(String command, String oid) throws IOException {
        in.write(command + "\n" + oid + "\n");
        in.flush();
        String first = out.readLine();
        if (first == null) {
            throw new AssertionError("gstatsd-snmp exited");
        }
        if (first.equals("NONE")) {
            return List.of(first);
        }
        return List.of(first, out.readLine(), out.readLine());
    }

    String line(String request) throws IOException {
        in.write(request);
        in.flush();
        return out.readLine();
    }

    /** The OIDs and values of a walk by getnext from {@code oid} until the script has nothing after. */
    List<List<String>> walk(String oid) throws IOException {
        List<List<String>> found = new ArrayList<>();
        String at = oid;
        while (true) {
            List<String> next = request("getnext", at);
            if (next.size() == 1) {
                return found;
            }
            found.add(next);
            at = next.get(0);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            in.close();
            Await.until(() -> !process.isAlive(), Duration.ofSeconds(10), "gstatsd-snmp ends at the end of its input");
        } finally {
            process.destroyForcibly();
        }
    }
}
