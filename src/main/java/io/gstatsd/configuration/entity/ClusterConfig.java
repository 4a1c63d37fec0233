package io.gstatsd.configuration.entity;

import java.util.List;
import java.util.Objects;

/**
 * Cluster mode on Payara's Data Grid ({@code --cluster NAME}): off when {@code name} is null.
 *
 * @param name       the Data Grid's cluster name; members with other names never join
 * @param members    where to find the other members (Payara's {@code --clustermode tcpip:...}); empty:
 *                   Payara's default discovery (multicast)
 * @param port       the first port the Data Grid tries ({@code --startport}); later members on one host take the next
 * @param interfaces the interfaces the Data Grid binds (Payara's {@code --interfaces}); empty: Payara's choice
 * @param memberName this member's name in the per-member figures ({@code statsd.<member>.*})
 * @param graceMillis how long past the end of an interval a member waits for the others' partials before it flushes
 * @param failureSeconds how long a member may be silent before the Data Grid declares it gone (Hazelcast's
 *                       {@code max.no.heartbeat.seconds})
 */
public record ClusterConfig(String name, List<HostPort> members, int port, String interfaces, String memberName,
                            long graceMillis, int failureSeconds) {

    public static final ClusterConfig OFF = new ClusterConfig(null, List.of(), 0, "", "", 0, 0);

    public ClusterConfig {
        members = List.copyOf(members);
        Objects.requireNonNull(interfaces, "interfaces");
        Objects.requireNonNull(memberName, "memberName");
    }

    public boolean enabled() {
        return name != null;
    }
}
