package io.gstatsd.health.boundary;

import io.gstatsd.aggregate.boundary.Aggregator;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.flush.control.SinkSource;
import io.gstatsd.health.control.ServerHealth;
import io.gstatsd.ingest.boundary.UdpListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * gstatsd's MicroProfile Health checks, served by Payara at {@code /health/live}, {@code /health/ready} and
 * {@code /health/started} on its HTTP listener. The verdicts are {@link ServerHealth}'s.
 */
@ApplicationScoped
public class HealthChecks {

    @Inject
    ServerConfig config;

    @Inject
    Aggregator aggregator;

    @Inject
    UdpListener udp;

    @Inject
    @Any
    Instance<SinkSource> sinkSources;

    @Inject
    StartupReport startup;

    private volatile ServerHealth health;

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> response("gstatsd-live", health().live());
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> response("gstatsd-ready", health().ready());
    }

    @Produces
    @Startup
    HealthCheck started() {
        return () -> HealthCheckResponse.named("gstatsd-started").status(startup.reported()).build();
    }

    /** Built on first use: the sinks and sockets exist only once the start-up beans have run. */
    private ServerHealth health() {
        ServerHealth current = health;
        if (current == null) {
            current = new ServerHealth(udp.loops(), aggregator.aggregation()::nanosSinceLastDrain,
                    sinkSources.stream().flatMap(source -> source.sinks().stream()).toList(),
                    config.flushIntervalMillis());
            health = current;
        }
        return current;
    }

    private static HealthCheckResponse response(String name, ServerHealth.Verdict verdict) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name).status(verdict.up());
        verdict.data().forEach(builder::withData);
        return builder.build();
    }
}
