package io.gstatsd.prometheus.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

/**
 * The Prometheus sink's own HTTP listener (the JDK's server, on two threads of its own): {@code GET /metrics}
 * writes the latest {@link MetricSnapshots} in the Prometheus text format 0.0.4 (gzipped when the scraper
 * accepts it, as Prometheus does); {@code GET /} says where the metrics are; any other path is a 404 and any
 * other method a 405. A scrape only writes a finished view: it never waits for a flush.
 * <p>
 * Thread-safe: the listener's threads serve scrapes; {@link #bytesServed} and {@link #failures} may be read
 * from any thread.
 */
public final class ScrapeEndpoint implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ScrapeEndpoint.class.getName());
    private static final String PATH = "/metrics";
    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<MetricSnapshots> metrics;
    private final AtomicLong bytesServed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public ScrapeEndpoint(InetSocketAddress address, Supplier<MetricSnapshots> metrics, ThreadFactory threads)
            throws IOException {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.server = HttpServer.create(address, 16);
        this.executor = Executors.newFixedThreadPool(2, threads);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Where it listens (the port the system chose, for port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public long bytesServed() {
        return bytesServed.get();
    }

    public long failures() {
        return failures.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean get = exchange.getRequestMethod().equals("GET");
            if (!path.equals(PATH) && !path.equals("/")) {
                plain(exchange, 404, "no such path: " + path + "; the metrics are at " + PATH);
            } else if (!get) {
                exchange.getResponseHeaders().set("Allow", "GET");
                plain(exchange, 405, exchange.getRequestMethod() + " is not allowed; GET " + PATH);
            } else if (path.equals("/")) {
                plain(exchange, 200, "gstatsd's Prometheus sink: the aggregated statsd metrics are at " + PATH);
            } else {
                scrape(exchange);
            }
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            LOG.log(Level.FINE, "a Prometheus scrape failed", e);
        }
    }

    private void scrape(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", TEXT.getContentType());
        boolean gzip = accepts(exchange.getRequestHeaders().get("Accept-Encoding"));
        if (gzip) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        exchange.sendResponseHeaders(200, 0);
        CountingStream counted = new CountingStream(exchange.getResponseBody());
        try (OutputStream body = gzip ? new GZIPOutputStream(counted, 65536) : counted) {
            TEXT.write(body, metrics.get(), EscapingScheme.UNDERSCORE_ESCAPING);
        }
        bytesServed.addAndGet(counted.count);
    }

    private static boolean accepts(List<String> encodings) {
        return encodings != null && encodings.stream().anyMatch(header -> header.toLowerCase().contains("gzip"));
    }

    private static void plain(HttpExchange exchange, int status, String line) throws IOException {
        byte[] body = (line + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Stops listening; a scrape in progress is cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Counts the bytes that go on the wire (after gzip). */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
