package io.gstatsd.flush.boundary;

import io.gstatsd.aggregate.boundary.Aggregator;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.flush.control.ApplicationClasses;
import io.gstatsd.flush.control.Flush;
import io.gstatsd.flush.control.FlushObserver;
import io.gstatsd.flush.control.FlushSchedule;
import io.gstatsd.flush.control.PartialIntervalStore;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.flush.control.SinkSource;
import io.gstatsd.flush.control.SnapshotExchange;
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
import java.util.Date;
import java.util.List;
import java.util.logging.Logger;

/**
 * Flushes every {@code gstatsd.flush-interval} with a programmatic, non-persistent interval timer whose first
 * expiration is the first interval boundary ({@link FlushSchedule}; Payara's interval timers keep the rate of
 * their first expiration, so later ones stay on the boundaries). Once more at undeployment or JVM exit, for
 * the partial interval, which waits in the state directory for the next start (without one, it goes to the
 * sinks). Payara Micro does not undeploy applications on SIGTERM (no {@code @PreDestroy} runs), hence the
 * JVM shutdown hook.
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
    @Any
    Instance<FlushObserver> observers;

    @Inject
    Clock clock;

    /** A cluster's exchange of partial intervals; a single server has none to make. */
    @Inject
    Instance<SnapshotExchange> exchanges;

    @Resource
    TimerService timers;

    private Flush flush;
    private Thread shutdownHook;

    @PostConstruct
    void start() {
        ApplicationClasses.preload(FlushTimer.class.getClassLoader(), "io.gstatsd");
        List<Sink> sinks = sinkSources.stream().flatMap(source -> source.sinks().stream()).toList();
        long interval = config.flushIntervalMillis();
        FlushSchedule schedule = new FlushSchedule(interval, config.flushAligned(), clock.millis());
        PartialIntervalStore store = config.stateDir() == null ? null
                : new PartialIntervalStore(config.stateDir(), config.keyTtlMillis());
        SnapshotExchange exchange = exchanges.isResolvable() ? exchanges.get() : SnapshotExchange.NONE;
        flush = new Flush(aggregator.aggregation(), sinks, schedule, clock, store, exchange, observers.stream().toList());
        flush.start();
        timers.createIntervalTimer(new Date(schedule.firstExpirationMillis()), interval, new TimerConfig(null, false));
        shutdownHook = new Thread(this::finish, "gstatsd-shutdown-flush");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        LOG.info("gstatsd: flushing every " + interval + " ms" + (config.flushAligned() ? " on the wall clock" : "")
                + " to " + sinks);
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
