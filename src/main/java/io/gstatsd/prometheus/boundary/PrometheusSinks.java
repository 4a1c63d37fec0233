package io.gstatsd.prometheus.boundary;

import io.gstatsd.configuration.entity.HostPort;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.flush.control.SinkSource;
import io.gstatsd.prometheus.control.CumulativeMetrics;
import io.gstatsd.prometheus.control.PrometheusSink;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

/** The Prometheus sink when it is on ({@code -t prometheus} or {@code gstatsd.prometheus.bind}), on its own address. */
@ApplicationScoped
public class PrometheusSinks implements SinkSource {

    @Inject
    ServerConfig config;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threads;

    private List<Sink> sinks = List.of();

    @PostConstruct
    void create() {
        HostPort bind = config.prometheusBind();
        if (bind == null) {
            return;
        }
        InetSocketAddress address = bind.hasHost() ? new InetSocketAddress(bind.host(), bind.port())
                : new InetSocketAddress(bind.port());
        try {
            sinks = List.of(new PrometheusSink(new CumulativeMetrics(config.percentThresholds(), config.histograms(),
                    config.prometheusTtlMillis(), clock), address, threads));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bind + " for the Prometheus sink: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Sink> sinks() {
        return sinks;
    }
}
