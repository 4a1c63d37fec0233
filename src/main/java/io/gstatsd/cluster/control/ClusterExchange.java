package io.gstatsd.cluster.control;

import io.gstatsd.aggregate.entity.CounterValue;
import io.gstatsd.aggregate.entity.GaugeValue;
import io.gstatsd.aggregate.entity.Snapshot;
import io.gstatsd.flush.control.SnapshotExchange;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cluster mode's flush: every member cuts the same wall-clock intervals; at the end of one it splits its
 * snapshot by the Data Grid's key owners, sends each other member that member's part (an empty one too, so
 * the owner knows not to wait), then waits for the others' parts of its own keys, at most until
 * {@code graceMillis} past the interval's end, and publishes the merge ({@link SnapshotMerge}): each key once,
 * by its owner, with every member's lines.
 * <p>
 * A part that arrives after its owner published that interval (a slow or joining member, a forward) is merged
 * into the next one: late, never twice. Keys the grid gives another member by the time of publishing
 * (a partition moved) are forwarded to that member, so each is published once. At shutdown the partial
 * interval goes to the owners of its keys, those this member owns to the oldest other member
 * ({@link #handOver}).
 * <p>
 * Shipping costs one split, one encoding and one message per member per interval; the receive path is not
 * touched. Thread-safe: the flush thread calls {@link #exchange}, the grid's listener {@link #receive}.
 */
public final class ClusterExchange implements SnapshotExchange {

    private static final Logger LOG = Logger.getLogger(ClusterExchange.class.getName());

    private final MemberNetwork network;
    private final long graceMillis;
    private final Clock clock;
    private final String statsPrefix;
    /** Parts received for intervals not yet published, by the interval's end. */
    private final Map<Long, List<Snapshot>> waiting = new HashMap<>();
    private final Map<Long, Set<String>> senders = new HashMap<>();
    /** Parts of intervals already published, for the next one. */
    private final List<Snapshot> late = new ArrayList<>();
    private long publishedEnd = Long.MIN_VALUE;
    private final AtomicLong shipped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong lateParts = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private long shippingMillis;
    private long waitedMillis;
    /** Takes the snapshots the other members publish, when a sink answers for the whole cluster; else null. */
    private volatile Consumer<Snapshot> views;
    private int membersSeen;

    /** @param statsPrefix the member's own figures' prefix ({@code statsd.<member>}) */
    public ClusterExchange(MemberNetwork network, long graceMillis, Clock clock, String statsPrefix) {
        this.network = network;
        this.graceMillis = graceMillis;
        this.clock = clock;
        this.statsPrefix = statsPrefix;
    }

    /** Bytes from another member's {@link MemberNetwork#send}. */
    public void receive(byte[] bytes) {
        Partial partial;
        try {
            partial = PartialCodec.decode(bytes);
        } catch (IllegalArgumentException e) {
            refused.incrementAndGet();
            LOG.log(Level.WARNING, "gstatsd cluster: a partial refused: " + e.getMessage());
            return;
        }
        if (partial.view()) {
            Consumer<Snapshot> consumer = views;
            if (consumer != null) {
                consumer.accept(partial.snapshot());
            }
            return;
        }
        received.incrementAndGet();
        synchronized (this) {
            if (partial.endMillis() <= publishedEnd) {
                if (hasKeys(partial.snapshot())) {
                    late.add(partial.snapshot());
                    lateParts.incrementAndGet();
                }
            } else {
                waiting.computeIfAbsent(partial.endMillis(), end -> new ArrayList<>()).add(partial.snapshot());
                senders.computeIfAbsent(partial.endMillis(), end -> new HashSet<>()).add(partial.from());
            }
            notifyAll();
        }
    }

    @Override
    public Snapshot exchange(Snapshot local) {
        long started = clock.millis();
        String self = network.self();
        List<String> members = network.members();
        Map<String, Snapshot> parts = SnapshotSplit.of(local, network::ownerOf);
        for (String member : members) {
            if (!member.equals(self)) {
                send(member, parts.getOrDefault(member, SnapshotSplit.empty(local)));
            }
        }
        shippingMillis = clock.millis() - started;
        List<Snapshot> toMerge = new ArrayList<>();
        toMerge.add(parts.getOrDefault(self, SnapshotSplit.empty(local)));
        long waitStarted = clock.millis();
        toMerge.addAll(awaitOthers(local.epochMillis(), members, self));
        waitedMillis = clock.millis() - waitStarted;
        Snapshot merged = SnapshotMerge.of(local.epochMillis(), local.flushIntervalMillis(), toMerge);
        Map<String, Snapshot> owned = SnapshotSplit.of(merged, network::ownerOf);
        for (Map.Entry<String, Snapshot> moved : owned.entrySet()) {
            if (!moved.getKey().equals(self)) {
                send(moved.getKey(), moved.getValue());   // its partition moved: late there, never twice
            }
        }
        membersSeen = members.size();
        Snapshot published = withOwnFigures(owned.getOrDefault(self, SnapshotSplit.empty(local)), local);
        if (views != null) {
            byte[] view = PartialCodec.encode(new Partial(self, published, true));
            for (String member : network.members()) {
                if (!member.equals(self)) {
                    network.send(member, view);
                }
            }
        }
        return published;
    }

    /**
     * From now on, every snapshot another member publishes goes to {@code consumer} too (on the grid's
     * thread), and this member sends its own to the others: what a sink that answers for the whole cluster
     * needs (the load sink). Costs one more message per member pair and interval.
     */
    @Override
    public void shareViews(Consumer<Snapshot> consumer) {
        views = consumer;
    }

    /** The parts of the others for this interval, and the late ones of earlier intervals. */
    private synchronized List<Snapshot> awaitOthers(long end, List<String> members, String self) {
        long deadline = end + graceMillis;
        Set<String> expected = new HashSet<>(members);
        expected.remove(self);
        while (!senders.getOrDefault(end, Set.of()).containsAll(expected)) {
            long left = deadline - clock.millis();
            if (left <= 0) {
                break;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Snapshot> result = new ArrayList<>(waiting.getOrDefault(end, List.of()));
        result.addAll(late);
        late.clear();
        waiting.keySet().removeIf(interval -> interval <= end);
        senders.keySet().removeIf(interval -> interval <= end);
        publishedEnd = Math.max(publishedEnd, end);
        return result;
    }

    @Override
    public boolean handOver(Snapshot partial) {
        String self = network.self();
        List<String> others = network.members().stream().filter(member -> !member.equals(self)).toList();
        if (others.isEmpty()) {
            return false;
        }
        String successor = others.get(0);
        Map<String, Snapshot> parts = SnapshotSplit.of(partial, network::ownerOf);
        Map<String, List<Snapshot>> byMember = new HashMap<>();
        parts.forEach((owner, part) -> byMember.computeIfAbsent(owner.equals(self) || !others.contains(owner)
                ? successor : owner, member -> new ArrayList<>()).add(part));
        byMember.forEach((member, list) -> send(member, SnapshotMerge.of(partial.epochMillis(),
                partial.flushIntervalMillis(), list)));
        LOG.info("gstatsd cluster: the partial interval (" + partial.numStats() + " stats) handed over to "
                + byMember.size() + " member(s)");
        return true;
    }

    private void send(String member, Snapshot part) {
        network.send(member, PartialCodec.encode(new Partial(network.self(), part)));
        shipped.incrementAndGet();
    }

    /**
     * This member's figures ({@code statsd.<member>.cluster.*}): cumulative counts as counters of their
     * increase would need a memory per name, so they go as gauges, as Etsy's own {@code graphiteStats} do.
     */
    private Snapshot withOwnFigures(Snapshot snapshot, Snapshot local) {
        List<GaugeValue> gauges = new ArrayList<>(snapshot.gauges());
        long now = clock.millis();
        String prefix = statsPrefix + ".cluster.";
        gauges.add(new GaugeValue(prefix + "members", membersSeen, now));
        gauges.add(new GaugeValue(prefix + "partials_shipped", shipped.get(), now));
        gauges.add(new GaugeValue(prefix + "partials_received", received.get(), now));
        gauges.add(new GaugeValue(prefix + "late_partials", lateParts.get(), now));
        gauges.add(new GaugeValue(prefix + "refused_partials", refused.get(), now));
        gauges.add(new GaugeValue(prefix + "shipping_ms", shippingMillis, now));
        gauges.add(new GaugeValue(prefix + "wait_ms", waitedMillis, now));
        List<CounterValue> counters = snapshot.counters();
        return new Snapshot(snapshot.epochMillis(), snapshot.flushIntervalMillis(), counters, snapshot.timers(), gauges,
                snapshot.sets(), local.processingMillis(), snapshot.stamped());
    }

    private static boolean hasKeys(Snapshot snapshot) {
        return snapshot.numStats() > 0 || !snapshot.stamped().isEmpty();
    }
}
