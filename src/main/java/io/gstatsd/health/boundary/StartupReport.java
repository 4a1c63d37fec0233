package io.gstatsd.health.boundary;

import io.gstatsd.configuration.control.LaunchTimes;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.flush.control.Sink;
import io.gstatsd.flush.control.SinkSource;
import io.gstatsd.health.control.ReadyLine;
import io.gstatsd.ingest.boundary.UdpListener;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Properties;

/**
 * Prints the ready line on the console once the sockets are bound and the flush timer runs (Payara's own
 * boot log goes to its log file), and answers the started probe from then on.
 */
@Startup
@Singleton
@DependsOn({"UdpListener", "TcpListener", "FlushTimer"})
public class StartupReport {

    @Inject
    ServerConfig config;

    @Inject
    UdpListener udp;

    @Inject
    @Any
    Instance<SinkSource> sinkSources;

    private volatile boolean reported;

    @PostConstruct
    void report() {
        List<Sink> sinks = sinkSources.stream().flatMap(source -> source.sinks().stream()).toList();
        String http = config.httpBind() == null ? null
                : (config.httpBind().hasHost() ? config.httpBind().host() : "0.0.0.0") + ":" + config.httpBind().port();
        // stdout, as the console sink's flushes: the console handler shows Payara's warnings only
        System.out.println(ReadyLine.text(version(), udp.loops().description(), sinks, config.flushIntervalMillis(),
                http, startupMillis())
                + (config.cluster().enabled() ? "; member " + config.cluster().memberName() + " of cluster "
                + config.cluster().name() : ""));
        reported = true;
    }

    /** From payara/gstatsd's start when it says when that was (its own JVM and the boot included), else the JVM's. */
    private static long startupMillis() {
        long sinceLaunch = LaunchTimes.millisSinceLaunch(System.currentTimeMillis());
        return sinceLaunch >= 0 ? sinceLaunch : ManagementFactory.getRuntimeMXBean().getUptime();
    }

    @Lock(LockType.READ)
    public boolean reported() {
        return reported;
    }

    /** The launcher's version file, which the WAR carries too. */
    private static String version() {
        try (InputStream in = StartupReport.class.getClassLoader().getResourceAsStream("io/gstatsd/cli/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
