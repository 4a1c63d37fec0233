package io.gstatsd.ingest.boundary;

import io.gstatsd.aggregate.boundary.Aggregator;
import io.gstatsd.configuration.control.LaunchTimes;
import io.gstatsd.configuration.entity.HostPort;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.ingest.control.DatagramReceiver;
import io.gstatsd.ingest.control.DatagramTap;
import io.gstatsd.ingest.control.InheritedUdpSocket;
import io.gstatsd.ingest.control.KernelDrops;
import io.gstatsd.ingest.control.ReceiveLoops;
import io.gstatsd.ingest.control.TapSource;
import io.gstatsd.ingest.control.UdpSocketOpener;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedExecutors;
import jakarta.enterprise.concurrent.ManagedTask;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Opens the UDP sockets at deployment and runs one receive loop per socket on the managed executor
 * (long-running tasks); closing the sockets at undeployment ends the loops. A socket that cannot be bound
 * fails the deployment with the address in the message.
 */
@Startup
@Singleton
public class UdpListener {

    private static final Logger LOG = Logger.getLogger(UdpListener.class.getName());

    @Inject
    ServerConfig config;

    @Inject
    Aggregator aggregator;

    @Inject
    @Any
    Instance<TapSource> tapSources;

    @Resource
    ManagedExecutorService executor;

    private final ReceiveLoops loops = new ReceiveLoops();

    @PostConstruct
    void open() {
        DatagramTap tap = taps();
        try {
            for (HostPort bind : config.binds()) {
                DatagramChannel last = null;
                for (int i = 0; i < config.receiversPerBind(); i++) {
                    DatagramChannel channel = UdpSocketOpener.open(bind, config.receiveBufferBytes(),
                            config.receiversPerBind() > 1);
                    DatagramReceiver receiver = new DatagramReceiver(channel,
                            aggregator.aggregation().newShardPair(), config.dumpLines(), tap);
                    loops.add(channel, executor.submit(ManagedExecutors.managedTask(receiver,
                            Map.of(ManagedTask.LONGRUNNING_HINT, "true", ManagedTask.IDENTITY_NAME, "gstatsd-udp-" + bind),
                            null)));
                    last = channel;
                }
                aggregator.aggregation().addDropSource(new KernelDrops(bind.port()));
                String receiving = "receiving statsd on UDP " + bind + receiveBufferNote(last);
                loops.describe(receiving);
                LOG.info("gstatsd: " + receiving);
            }
        } catch (IOException e) {
            close();
            LOG.severe("gstatsd: " + e.getMessage());
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Less than asked means net.core.rmem_max capped it. (The kernel doubles the value for its own
     * bookkeeping; the JDK halves it again on the way back, so this is comparable with what was asked.)
     */
    private String receiveBufferNote(DatagramChannel channel) {
        try {
            int granted = channel.getOption(StandardSocketOptions.SO_RCVBUF);
            if (granted < config.receiveBufferBytes()) {
                return " (receive buffer " + granted + " bytes of the " + config.receiveBufferBytes()
                        + " asked: raise net.core.rmem_max to absorb larger bursts" + inheritedNote(channel) + ")";
            }
            return " (receive buffer " + granted + " bytes" + inheritedNote(channel) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /** When payara/gstatsd bound the socket before Payara booted: since when datagrams have been kept. */
    private static String inheritedNote(DatagramChannel channel) throws IOException {
        long boundAfter = LaunchTimes.boundAfterMillis();
        if (!InheritedUdpSocket.isInherited(channel) || boundAfter < 0) {
            return "";
        }
        return "; bound " + String.format(Locale.ROOT, "%.1f", boundAfter / 1000.0)
                + " s after launch, what came since waited in that buffer";
    }

    /** Every capability's tap (the repeater), as one; the TCP receivers share it. */
    @Lock(LockType.READ)
    public DatagramTap taps() {
        return DatagramTap.all(tapSources.stream().map(TapSource::tap).toList());
    }

    /** Read-locked: health checks ask from HTTP threads while nothing else holds the bean. */
    @Lock(LockType.READ)
    public ReceiveLoops loops() {
        return loops;
    }

    @PreDestroy
    void close() {
        loops.close();
    }
}
