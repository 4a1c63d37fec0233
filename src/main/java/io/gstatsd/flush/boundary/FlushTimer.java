package io.gstatsd.flush.boundary;

import io.gstatsd.aggregate.boundary.Aggregator;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.flush.control.ApplicationClasses;
import io.gstatsd.flush.control.Flush;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.flush.control.SinkSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Flushes every {@code gstatsd.flush-interval} with a programmatic, non-persistent interval timer, and once
 * more at undeployment or JVM exit so the partial interval reaches the sinks. Payara Micro does not
 * undeploy applications on SIGTERM (no {@code @PreDestroy} runs), hence the JVM shutdown hook.
 */
@Startup
@Singleton
public class FlushTimer {

    private static final Logger LOG = Logger.getLogger(FlushTimer.class.getName());
    private static final Duration SHUTDOWN_DELIVERY = Duration.ofSeconds(5);

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
    TimerService timers;

    private Flush flush;
    private Thread shutdownHook;

    @PostConstruct
    void start() {
        ApplicationClasses.preload(FlushTimer.class.getClassLoader(), "io.gstatsd");
        List<Sink> sinks = sinkSources.stream().flatMap(source -> source.sinks().stream()).toList();
        flush = new Flush(aggregator.aggregation(), sinks, clock);
        long interval = config.flushIntervalMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig(null, false));
        shutdownHook = new Thread(this::finish, "gstatsd-shutdown-flush");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        LOG.info("gstatsd: flushing every " + interval + " ms to " + sinks);
    }

    @Timeout
    void flush() {
        flush.run();
    }

    @PreDestroy
    void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyExiting) {
            // the hook runs, or has run, the last flush
        }
        finish();
    }

    private void finish() {
        flush.finish(SHUTDOWN_DELIVERY);
    }
}
