package io.gstatsd.graphite.boundary;

import io.gstatsd.aggregate.control.TimerStatistics;
import io.gstatsd.configuration.entity.HostPort;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.configuration.entity.SinkType;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.flush.control.SinkSource;
import io.gstatsd.graphite.control.ConsoleSink;
import io.gstatsd.graphite.control.GraphiteFormatter;
import io.gstatsd.graphite.control.GraphiteSink;
import io.gstatsd.graphite.control.GraphiteText;
import io.gstatsd.graphite.control.KeptFlushes;
import io.gstatsd.graphite.entity.CarbonTarget;
import io.gstatsd.graphite.entity.Namespace;
import io.gstatsd.graphite.entity.QueueBounds;
import io.gstatsd.vocabulary.control.EpochSeconds;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The Graphite sinks: one per {@code -s} address, sharing one formatting of each flush; and the console sink
 * ({@code gstatsd.console}, by default when there is no Graphite sink, so a newcomer sees the flushes). With a
 * state directory, each sink keeps what it could not deliver at shutdown for the next start.
 */
@ApplicationScoped
public class GraphiteSinks implements SinkSource {

    @Inject
    ServerConfig config;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threads;

    private List<Sink> sinks;

    @PostConstruct
    void create() {
        Namespace namespace = Namespace.of(config.graphiteNaming(), config.prefixStats());
        TimerStatistics timers = new TimerStatistics(config.percentThresholds(), config.histograms(),
                config.calculatedTimerMetrics());
        GraphiteText text = new GraphiteText(new GraphiteFormatter(namespace, timers, System::nanoTime,
                !config.keyNameSanitize()));
        List<Sink> created = new ArrayList<>();
        if (config.hasSinkType(SinkType.GRAPHITE)) {
            QueueBounds bounds = new QueueBounds(config.sinkQueueFlushes(), config.sinkQueueBytes(),
                    config.redeliverFlushes());
            for (HostPort sink : config.sinks()) {
                CarbonTarget target = new CarbonTarget(sink.hasHost() ? sink.host() : "localhost", sink.port(),
                        config.sinkTimeoutMillis());
                KeptFlushes kept = config.stateDir() == null ? null : new KeptFlushes(config.stateDir(), target);
                created.add(new GraphiteSink(target, bounds, text, namespace, clock, threads, kept));
            }
            if (config.console()) {
                created.add(new ConsoleSink(text, System.out, EpochSeconds.of(clock.millis())));
            }
        }
        sinks = List.copyOf(created);
    }

    @Override
    public List<Sink> sinks() {
        return sinks;
    }
}
