package io.gstatsd.configuration.entity;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Every setting of a running server, validated once at start-up by
 * {@code ConfigReader}.
 *
 * @param binds              UDP addresses to receive statsd lines on ({@code gstatsd.bind})
 * @param sinks              Graphite servers ({@code gstatsd.sinks}); empty means the console sink (when graphite
 *                           is among the sink types; otherwise the {@code -s} address is the HTTP sink's)
 * @param sinkTypes          the sinks on: graphite, load, prometheus, one or several ({@code gstatsd.sink-type})
 * @param loadBind           where the load sink answers HTTP, or null when it is off ({@code gstatsd.load.bind})
 * @param httpBind           the Payara HTTP listener (load answers, health, telemetry), or null for loopback on
 *                           a free port ({@code gstatsd.http.bind}; the load sink's address when it is on)
 * @param prometheusBind     the Prometheus sink's own HTTP listener, or null when it is off ({@code gstatsd.prometheus.bind})
 * @param prometheusTtlMillis how long a series stays at the Prometheus endpoint after its key was last written;
 *                           0 for ever ({@code gstatsd.prometheus.ttl})
 * @param flushIntervalMillis the flush period ({@code gstatsd.flush-interval}, in seconds, fractions allowed)
 * @param flushAligned       intervals end at wall-clock multiples of the flush period, not relative to the
 *                           start ({@code gstatsd.flush-aligned})
 * @param stateDir           where a stopping server leaves its partial interval for the next start, or null
 *                           to send it at shutdown ({@code gstatsd.state-dir})
 * @param percentThresholds  timer percentiles, each in [-100, 0) or (0, 100]; a negative one is Etsy's "top"
 *                           percentile; none at all is allowed ({@code gstatsd.percent})
 * @param prefix             prepended with a dot to every received key, "" for none ({@code gstatsd.prefix})
 * @param deleteIdle         Etsy's {@code deleteIdleStats}: the default of every type's deletion ({@code gstatsd.delete-idle})
 * @param verbosity          0 normal, 1 debug, 2 also every received line ({@code gstatsd.verbosity})
 * @param receiveBufferBytes requested SO_RCVBUF per socket; the kernel caps it at net.core.rmem_max
 * @param receiversPerBind   receive threads (SO_REUSEPORT sockets) per bind address
 * @param sinkTimeoutMillis  connect and write timeout for each Graphite sink
 * @param maxKeys            distinct keys across all types; lines for further new keys are dropped and counted
 * @param sinkQueueSeconds   how many seconds of flushes a Graphite sink keeps while carbon is unreachable
 * @param sinkQueueBytes     the same bound in bytes; whichever is hit first drops the oldest flushes
 * @param redeliverFlushes   flushes delivered just before an outage that are sent again when it ends
 * @param keyTtlMillis       how long an idle key is kept before it is forgotten; 0 for ever ({@code gstatsd.key-ttl})
 * @param tagMode            Graphite tagged series, dropped, or folded into the name ({@code gstatsd.tags})
 * @param deletion           which types send nothing when idle, and the gauges' TTL ({@code gstatsd.delete-*},
 *                           {@code gstatsd.gauges-max-ttl})
 * @param prefixStats        the first part of the server's own series' names ({@code gstatsd.prefix-stats}, "statsd")
 * @param keyNameSanitize    sanitise keys as they arrive (Etsy's default), or keep them raw and sanitise only the
 *                           Graphite names ({@code gstatsd.key-name-sanitize})
 * @param histograms         Etsy's {@code histogram} option, first match wins ({@code gstatsd.histogram})
 * @param calculatedTimerMetrics the timer figures to send, Etsy's names ({@code count_percent} for every
 *                           {@code count_P}); empty sends them all ({@code gstatsd.calculated-timer-metrics})
 * @param graphiteNaming     the Graphite backend's prefixes, suffix, namespace and {@code flush_counts}
 * @param console            print each flush as Graphite text ({@code gstatsd.console}; by default when there is
 *                           no Graphite sink; Etsy's console backend)
 * @param etsyConfig         the Etsy configuration file the settings came from, "" for none ({@code gstatsd.etsy-config})
 * @param adminBind          where Etsy's admin interface listens (TCP), or null when it is off ({@code gstatsd.admin.bind})
 * @param adminBindRequired  whether the admin address was configured: then a busy port stops start-up; the
 *                           default address is only tried
 * @param healthUp           the admin interface's health at start-up ({@code gstatsd.admin.health}, Etsy's {@code healthStatus})
 * @param tcpBinds           TCP addresses to receive statsd lines on ({@code gstatsd.tcp.bind}; Etsy's {@code servers/tcp})
 * @param repeaters          statsd servers every received datagram is forwarded to ({@code gstatsd.repeater.targets})
 * @param repeaterIpv6       repeat over IPv6 ({@code gstatsd.repeater.protocol=udp6}) instead of IPv4
 */
public record ServerConfig(
        List<HostPort> binds,
        List<HostPort> sinks,
        Set<SinkType> sinkTypes,
        HostPort loadBind,
        HostPort httpBind,
        HostPort prometheusBind,
        long prometheusTtlMillis,
        long flushIntervalMillis,
        boolean flushAligned,
        Path stateDir,
        List<Double> percentThresholds,
        String prefix,
        boolean deleteIdle,
        int verbosity,
        int receiveBufferBytes,
        int receiversPerBind,
        long sinkTimeoutMillis,
        int maxKeys,
        long sinkQueueSeconds,
        long sinkQueueBytes,
        int redeliverFlushes,
        long keyTtlMillis,
        TagMode tagMode,
        IdleDeletion deletion,
        String prefixStats,
        boolean keyNameSanitize,
        List<HistogramBins> histograms,
        List<String> calculatedTimerMetrics,
        GraphiteNaming graphiteNaming,
        boolean console,
        String etsyConfig,
        HostPort adminBind,
        boolean adminBindRequired,
        boolean healthUp,
        List<HostPort> tcpBinds,
        List<HostPort> repeaters,
        boolean repeaterIpv6,
        ClusterConfig cluster) {

    public ServerConfig {
        binds = List.copyOf(binds);
        sinks = List.copyOf(sinks);
        sinkTypes = Collections.unmodifiableSet(EnumSet.copyOf(sinkTypes));
        percentThresholds = List.copyOf(percentThresholds);
        histograms = List.copyOf(histograms);
        calculatedTimerMetrics = List.copyOf(calculatedTimerMetrics);
        tcpBinds = List.copyOf(tcpBinds);
        repeaters = List.copyOf(repeaters);
        Objects.requireNonNull(deletion, "deletion");
        Objects.requireNonNull(prefixStats, "prefixStats");
        Objects.requireNonNull(graphiteNaming, "graphiteNaming");
        Objects.requireNonNull(etsyConfig, "etsyConfig");
        Objects.requireNonNull(cluster, "cluster");
    }

    public boolean hasSinkType(SinkType type) {
        return sinkTypes.contains(type);
    }

    /** Etsy's legacy Graphite names ({@code gstatsd.graphite.legacy-namespace}). */
    public boolean legacyNamespace() {
        return graphiteNaming.legacyNamespace();
    }

    /** The sink queue bound in flushes: {@code sinkQueueSeconds} worth, at least one. */
    public int sinkQueueFlushes() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, sinkQueueSeconds * 1000 / flushIntervalMillis));
    }

    public boolean dumpLines() {
        return verbosity >= 2;
    }
}
