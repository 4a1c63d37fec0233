package io.gstatsd.ingest.boundary;

import io.gstatsd.aggregate.boundary.Aggregator;
import io.gstatsd.configuration.entity.HostPort;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.ingest.control.TcpReceiver;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedExecutors;
import jakarta.enterprise.concurrent.ManagedTask;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Opens the TCP listening sockets of {@code gstatsd.tcp.bind} (Etsy's {@code servers/tcp}) at deployment and
 * runs one receive loop per socket on the managed executor, registered with the UDP loops for the health
 * checks; a socket that cannot be bound fails the deployment with the address in the message.
 */
@Startup
@Singleton
@DependsOn("UdpListener")
public class TcpListener {

    private static final Logger LOG = Logger.getLogger(TcpListener.class.getName());

    @Inject
    ServerConfig config;

    @Inject
    Aggregator aggregator;

    @Inject
    UdpListener udp;

    @Resource
    ManagedExecutorService executor;

    private final List<TcpReceiver> receivers = new ArrayList<>();

    @PostConstruct
    void open() {
        for (HostPort bind : config.tcpBinds()) {
            try {
                ServerSocketChannel channel = ServerSocketChannel.open();
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(bind.hasHost() ? new InetSocketAddress(bind.host(), bind.port()) : new InetSocketAddress(bind.port()));
                TcpReceiver receiver = new TcpReceiver(channel, aggregator.aggregation().newShardPair(), udp.taps(),
                        config.dumpLines());
                receivers.add(receiver);
                udp.loops().add(channel, executor.submit(ManagedExecutors.managedTask(receiver,
                        Map.of(ManagedTask.LONGRUNNING_HINT, "true", ManagedTask.IDENTITY_NAME, "gstatsd-tcp-" + bind),
                        null)));
                String receiving = "receiving statsd on TCP " + bind;
                udp.loops().describe(receiving);
                LOG.info("gstatsd: " + receiving);
            } catch (IOException e) {
                close();
                String problem = "cannot listen on TCP " + bind + ": " + e.getMessage();
                LOG.severe("gstatsd: " + problem);
                throw new UncheckedIOException(problem, e);
            }
        }
    }

    @PreDestroy
    void close() {
        for (TcpReceiver receiver : receivers) {
            try {
                receiver.close();
            } catch (IOException e) {
                LOG.warning("closing " + receiver + ": " + e);
            }
        }
        receivers.clear();
    }
}
