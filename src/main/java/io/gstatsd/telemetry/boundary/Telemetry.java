package io.gstatsd.telemetry.boundary;

import io.gstatsd.aggregate.boundary.Aggregator;
import io.gstatsd.aggregate.control.Aggregation;
import io.gstatsd.aggregate.control.KeyBudget;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.FlushObserver;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.flush.control.SinkSource;
import io.gstatsd.telemetry.control.CounterFeed;
import io.gstatsd.vocabulary.entity.BadLine;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The server's own telemetry in MicroProfile Metrics' application registry, which Payara Micro serves in the
 * Prometheus text format at {@code /metrics} on its HTTP listener ({@code gstatsd.http.bind}). Nothing is added
 * to the receive path: gauges read live figures at scrape time, and the counters are kept in step with the
 * server's cumulative totals after every flush ({@link CounterFeed}), so they advance once per flush interval.
 */
@ApplicationScoped
public class Telemetry implements FlushObserver {

    @Inject
    MetricRegistry registry;

    @Inject
    Aggregator aggregator;

    @Inject
    @Any
    Instance<SinkSource> sinkSources;

    private final CounterFeed feed = new CounterFeed();
    private Timer flushes;

    /** Registers the metrics at deployment, so that they are there before the first flush. */
    void registerAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // delivering the event creates the bean, which registers in @PostConstruct
    }

    @PostConstruct
    void register() {
        Aggregation aggregation = aggregator.aggregation();
        counter("gstatsd_packets", "datagrams (and TCP reads) received", () -> aggregation.totals().packets());
        counter("gstatsd_lines", "metric lines received, bad ones included", () -> aggregation.totals().lines());
        for (BadLine reason : BadLine.values()) {
            if (reason != BadLine.TOO_MANY_KEYS) {
                counter("gstatsd_bad_lines", "lines skipped as malformed, by reason",
                        () -> aggregation.totals().badLines(reason), new Tag("reason", reason.name().toLowerCase(Locale.ROOT)));
            }
        }
        counter("gstatsd_unknown_fields", "fields after a type that gstatsd does not know",
                () -> aggregation.totals().unknownFields());
        counter("gstatsd_kernel_drops", "datagrams the kernel dropped before gstatsd could read them",
                () -> aggregation.totals().kernelDrops());
        counter("gstatsd_keys_over_limit", "lines for new keys refused at gstatsd.max-keys",
                () -> aggregation.totals().keysOverLimit());
        // read from the key budget itself, so that a scrape never waits for a drain to let go of the aggregation
        KeyBudget budget = aggregation.registries().budget();
        gauge("gstatsd_keys_live", "keys alive now, all types", budget, KeyBudget::used);
        gauge("gstatsd_keys_max", "gstatsd.max-keys", budget, KeyBudget::maxKeys);
        flushes = registry.timer(Metadata.builder().withName("gstatsd_flush").withUnit(MetricUnits.NANOSECONDS)
                .withDescription("a flush: the merge of the receivers' shards and the hand-over to the sinks").build());
        for (Sink sink : sinkSources.stream().flatMap(source -> source.sinks().stream()).toList()) {
            register(sink);
        }
    }

    private void register(Sink sink) {
        Tag tag = new Tag("sink", sink.toString());
        counter("gstatsd_sink_bytes", "bytes a sink delivered", () -> sink.telemetry().bytes(), tag);
        counter("gstatsd_sink_failures", "delivery attempts that failed", () -> sink.telemetry().failures(), tag);
        counter("gstatsd_sink_dropped_flushes", "flushes dropped from a full queue",
                () -> sink.telemetry().droppedFlushes(), tag);
        gauge("gstatsd_sink_queue_depth", "flushes a sink holds and has not delivered", sink,
                s -> s.telemetry().queueDepth(), tag);
        gauge("gstatsd_sink_last_flush_seconds", "how long a sink's last delivery took", sink,
                s -> s.telemetry().lastFlushSeconds(), tag);
    }

    private void counter(String name, String description, LongSupplier cumulative, Tag... tags) {
        Counter counter = registry.counter(Metadata.builder().withName(name).withDescription(description).build(), tags);
        feed.feed(cumulative, counter::inc);
    }

    private <T> void gauge(String name, String description, T object, ToDoubleFunction<T> value, Tag... tags) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), object,
                o -> value.applyAsDouble(o), tags);
    }

    @Override
    public void flushed(Snapshot snapshot, long flushNanos) {
        flushes.update(Duration.ofNanos(flushNanos));
        feed.sync();
    }
}
