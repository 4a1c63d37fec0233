package io.gstatsd.flush.boundary;

import io.gstatsd.aggregate.control.TimerStatistics;
import io.gstatsd.configuration.entity.HostPort;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.configuration.entity.SinkType;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.graphite.control.ConsoleSink;
import io.gstatsd.graphite.control.GraphiteFormatter;
import io.gstatsd.graphite.control.GraphiteSink;
import io.gstatsd.graphite.control.GraphiteText;
import io.gstatsd.graphite.entity.Namespace;
import io.gstatsd.load.boundary.LoadState;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the configured sinks: a Graphite sink per {@code -s} address, or the console sink when there is
 * none; and the load sink when it is on.
 */
@ApplicationScoped
public class Sinks {

    @Inject
    ServerConfig config;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    LoadState load;

    public List<Sink> create() {
        Namespace namespace = config.legacyNamespace() ? Namespace.LEGACY : Namespace.NEW;
        GraphiteText text = new GraphiteText(new GraphiteFormatter(namespace,
                new TimerStatistics(config.percentThresholds()), System::nanoTime));
        List<Sink> sinks = new ArrayList<>();
        if (config.sinkType() == SinkType.GRAPHITE) {
            for (HostPort target : config.sinks()) {
                sinks.add(new GraphiteSink(target.hasHost() ? target.host() : "localhost", target.port(), text,
                        namespace.statsd(), config.sinkTimeoutMillis(), config.sinkQueueFlushes(),
                        config.sinkQueueBytes(), config.redeliverFlushes(), Clock.systemUTC(), threads));
            }
        }
        if (sinks.isEmpty() && config.sinkType() == SinkType.GRAPHITE) {
            sinks.add(new ConsoleSink(text, System.out));
        }
        load.sink().ifPresent(sinks::add);
        return sinks;
    }
}
