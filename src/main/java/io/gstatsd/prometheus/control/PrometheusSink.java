package io.gstatsd.prometheus.control;

import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.flush.control.SinkTelemetry;
import io.gstatsd.flush.control.SinkWorker;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Prometheus sink: folds every flush into the {@link CumulativeMetrics} on its own {@link SinkWorker} and
 * publishes the finished {@link MetricSnapshots}, which its {@link ScrapeEndpoint} writes at each scrape. So the
 * flush hands a snapshot over without waiting, and a scrape neither waits for nor blocks a flush.
 * <p>
 * Threads: {@link #publish} and {@link #close} from the flush thread; the worker alone touches the cumulative
 * view; scrapes read the published snapshots from the endpoint's threads.
 */
public final class PrometheusSink implements Sink {

    private static final Logger LOG = Logger.getLogger(PrometheusSink.class.getName());

    private final CumulativeMetrics metrics;
    private final SinkWorker worker;
    private final ScrapeEndpoint endpoint;
    private volatile MetricSnapshots latest = new MetricSnapshots(List.of());
    /** How long the last flush took to fold in; written by the worker. */
    private volatile long foldNanos;

    /** Listens on {@code address} at once (an {@link IOException} when it cannot). */
    public PrometheusSink(CumulativeMetrics metrics, InetSocketAddress address, ThreadFactory threads) throws IOException {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.endpoint = new ScrapeEndpoint(address, () -> latest, threads);
        this.worker = new SinkWorker("gstatsd-prometheus", threads, this::fold);
    }

    @Override
    public void publish(Snapshot snapshot) {
        worker.offer(snapshot);
    }

    /** What a scrape serves now. */
    public MetricSnapshots metrics() {
        return latest;
    }

    public InetSocketAddress address() {
        return endpoint.address();
    }

    private void fold(Snapshot snapshot) {
        long started = System.nanoTime();
        try {
            metrics.add(snapshot);
            latest = metrics.snapshots();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "bug: the Prometheus sink could not fold a flush in; skipped it", e);
        }
        foldNanos = System.nanoTime() - started;
    }

    @Override
    public SinkTelemetry telemetry() {
        return new SinkTelemetry(endpoint.bytesServed(), endpoint.failures(), worker.waiting(), 0, foldNanos / 1e9);
    }

    /** Folds in what was published (the last flush at shutdown) and stops listening. */
    @Override
    public void close(Duration timeout) {
        worker.close(timeout);
        endpoint.close();
    }

    @Override
    public String toString() {
        InetSocketAddress address = endpoint.address();
        String host = address.getAddress().getHostAddress();
        return "prometheus " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
