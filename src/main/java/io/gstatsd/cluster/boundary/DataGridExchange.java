package io.gstatsd.cluster.boundary;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import com.hazelcast.topic.ITopic;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.cluster.control.ClusterExchange;
import io.gstatsd.cluster.control.MemberNetwork;
import io.gstatsd.configuration.entity.ServerConfig;
import io.gstatsd.flush.control.SnapshotExchange;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Cluster mode's wiring to Payara's Data Grid (the Hazelcast member Payara runs, {@code payara/Hazelcast}):
 * members and their order, and key ownership, are the grid's (its partition table); each member reads
 * partials from a topic of its own, named by its member id, as plain byte arrays. Without
 * {@code gstatsd.cluster.name} it is {@link SnapshotExchange#NONE} and never touches Hazelcast (Payara then
 * runs without it).
 */
@ApplicationScoped
public class DataGridExchange implements SnapshotExchange {

    private static final Logger LOG = Logger.getLogger(DataGridExchange.class.getName());
    private static final String TOPIC = "gstatsd.partials.";

    @Inject
    ServerConfig config;

    @Inject
    Clock clock;

    private SnapshotExchange exchange = SnapshotExchange.NONE;
    private HazelcastInstance grid;
    private ITopic<byte[]> inbox;
    private UUID subscription;

    @PostConstruct
    void start() {
        if (!config.cluster().enabled()) {
            return;
        }
        try {
            grid = (HazelcastInstance) new InitialContext().lookup("payara/Hazelcast");
        } catch (NamingException e) {
            throw new IllegalStateException("gstatsd cluster: Payara's Data Grid is not available (payara/Hazelcast: "
                    + e.getMessage() + ")", e);
        }
        GridNetwork network = new GridNetwork(grid);
        ClusterExchange cluster = new ClusterExchange(network, config.cluster().graceMillis(), clock, config.prefixStats());
        inbox = grid.getTopic(TOPIC + network.self());
        subscription = inbox.addMessageListener(message -> cluster.receive(message.getMessageObject()));
        exchange = cluster;
        LOG.info("gstatsd cluster " + config.cluster().name() + ": member " + config.cluster().memberName() + " ("
                + network.self() + "), " + network.members().size() + " member(s) now");
    }

    @PreDestroy
    void stop() {
        if (inbox != null) {
            try {
                inbox.removeMessageListener(subscription);
            } catch (RuntimeException gridGone) {
                // Payara stops the grid at shutdown too
            }
        }
    }

    @Override
    public Snapshot exchange(Snapshot local) {
        return exchange.exchange(local);
    }

    @Override
    public boolean handOver(Snapshot partial) {
        return exchange.handOver(partial);
    }

    @Override
    public void shareViews(Consumer<Snapshot> consumer) {
        exchange.shareViews(consumer);
    }

    /** The grid's view, asked afresh each time: members and partition owners change as members come and go. */
    private record GridNetwork(HazelcastInstance grid) implements MemberNetwork {

        @Override
        public String self() {
            return grid.getCluster().getLocalMember().getUuid().toString();
        }

        @Override
        public List<String> members() {
            return grid.getCluster().getMembers().stream().map(member -> member.getUuid().toString()).toList();
        }

        @Override
        public String ownerOf(String key) {
            Partition partition = grid.getPartitionService().getPartition(key);
            Member owner = partition.getOwner();
            return owner == null ? self() : owner.getUuid().toString();
        }

        @Override
        public void send(String member, byte[] bytes) {
            grid.<byte[]>getTopic(TOPIC + member).publish(bytes);
        }
    }
}
