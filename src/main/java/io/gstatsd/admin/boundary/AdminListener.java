package io.gstatsd.admin.boundary;

import io.gstatsd.admin.control.AdminCommands;
import io.gstatsd.admin.control.AdminServer;
import io.gstatsd.admin.control.EtsyConfigDump;
import io.gstatsd.admin.control.HealthStatus;
import io.gstatsd.admin.control.ServerConfigDump;
import io.gstatsd.aggregate.boundary.Aggregator;
import io.gstatsd.configuration.control.EtsyConfigFile;
import io.gstatsd.configuration.entity.HostPort;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.flush.control.SinkSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Opens Etsy's admin interface ({@code gstatsd.admin.bind}, 127.0.0.1:8126 unless configured) at deployment.
 * A configured address that cannot be bound fails the deployment; the default one, when busy, is only
 * logged (another statsd on the machine holds it), and the server runs without the admin interface.
 */
@Startup
@Singleton
public class AdminListener {

    private static final Logger LOG = Logger.getLogger(AdminListener.class.getName());

    @Inject
    ServerConfig config;

    @Inject
    Aggregator aggregator;

    @Inject
    @Any
    Instance<SinkSource> sinkSources;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threads;

    private AdminServer server;

    @PostConstruct
    void open() {
        HostPort bind = config.adminBind();
        if (bind == null) {
            return;
        }
        ServerSocket socket;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(bind.hasHost() ? new InetSocketAddress(bind.host(), bind.port()) : new InetSocketAddress(bind.port()));
        } catch (IOException e) {
            String problem = "gstatsd: cannot listen on TCP " + bind + " for the admin interface: " + e.getMessage();
            if (config.adminBindRequired()) {
                LOG.severe(problem);
                throw new UncheckedIOException(problem, e);
            }
            LOG.warning(problem + "; running without it (set gstatsd.admin.bind)");
            return;
        }
        Supplier<List<Sink>> sinks = () -> sinkSources.stream().flatMap(source -> source.sinks().stream()).toList();
        AdminCommands commands = new AdminCommands(aggregator.aggregation(), sinks, new HealthStatus(config.healthUp()),
                configAnswer(), clock);
        server = new AdminServer(socket, commands, threads);
        threads.newThread(server).start();
        LOG.info("gstatsd: admin interface on TCP " + bind + " (help, stats, counters, timers, gauges, health, ...)");
    }

    /** Etsy's view of its configuration file, or gstatsd's own settings without one. */
    private Supplier<String> configAnswer() {
        if (config.etsyConfig().isEmpty()) {
            return new ServerConfigDump(config)::answer;
        }
        EtsyConfigDump dump = new EtsyConfigDump(EtsyConfigFile.parse(Path.of(config.etsyConfig())),
                () -> aggregator.aggregation().flushed());
        return dump::answer;
    }

    @PreDestroy
    void close() {
        if (server != null) {
            server.close();
        }
    }
}
