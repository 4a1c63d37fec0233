package io.gstatsd.repeater.boundary;

import io.gstatsd.aggregate.boundary.Aggregator;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.ingest.control.DatagramTap;
import io.gstatsd.ingest.control.TapSource;
import io.gstatsd.repeater.control.Repeater;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Logger;

/**
 * Etsy's repeater ({@code gstatsd.repeater.targets}, {@code gstatsd.repeater.protocol}) as a tap on the
 * receive loops; its dropped datagrams are flushed as {@code <prefixStats>.repeater_drops}. Off without targets.
 */
@ApplicationScoped
public class RepeaterTaps implements TapSource {

    private static final Logger LOG = Logger.getLogger(RepeaterTaps.class.getName());

    @Inject
    ServerConfig config;

    @Inject
    Aggregator aggregator;

    @Resource
    ManagedThreadFactory threads;

    private Repeater repeater;

    @PostConstruct
    void create() {
        if (config.repeaters().isEmpty()) {
            return;
        }
        try {
            repeater = new Repeater(config.repeaters(), config.repeaterIpv6(), threads);
        } catch (IOException e) {
            throw new UncheckedIOException("gstatsd: cannot open the repeater's UDP socket: " + e.getMessage(), e);
        }
        aggregator.aggregation().addCountedSource("repeater_drops", repeater::dropped);
        LOG.info("gstatsd: repeating every datagram to " + config.repeaters() + " over "
                + (config.repeaterIpv6() ? "udp6" : "udp4"));
    }

    @Override
    public DatagramTap tap() {
        return repeater == null ? DatagramTap.NONE : repeater;
    }

    @PreDestroy
    void close() {
        if (repeater != null) {
            repeater.close();
        }
    }
}
