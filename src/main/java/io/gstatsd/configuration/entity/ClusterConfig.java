package io.gstatsd.configuration.entity;

import java.util.List;
import java.util.Objects;

/**
 * Cluster mode on Payara's Data Grid ({@code --cluster NAME}): off when {@code name} is null.
 *
 * @param name       the Data Grid's cluster name; members with other names never join
 * @param members    where to find the other members (Payara's {@code --clustermode tcpip:...}); empty:
 *                   {@code discovery}, or Payara's default (multicast)
 * @param port       the first port the Data Grid tries ({@code --startport}); later members on one host take the next
 * @param interfaces the interfaces the Data Grid binds (Payara's {@code --interfaces}); empty: Payara's choice
 * @param memberName this member's name in the per-member figures ({@code statsd.<member>.*})
 * @param graceMillis how long past the end of an interval a member waits for the others' partials before it flushes
 * @param failureSeconds how long a member may be silent before the Data Grid declares it gone (Hazelcast's
 *                       {@code max.no.heartbeat.seconds})
 * @param discovery      another of Payara's discovery modes, as its {@code --clustermode} takes it
 *                       ({@code dns:name:port}, {@code kubernetes:namespace,service}, {@code multicast:group:port},
 *                       {@code domain:host:port}); empty: {@code members}
 */
public record ClusterConfig(String name, List<HostPort> members, int port, String interfaces, String memberName,
                            long graceMillis, int failureSeconds, String discovery) {

    public static final ClusterConfig OFF = new ClusterConfig(null, List.of(), 0, "", "", 0, 0, "");

    public ClusterConfig(String name, List<HostPort> members, int port, String interfaces, String memberName,
                         long graceMillis, int failureSeconds) {
        this(name, members, port, interfaces, memberName, graceMillis, failureSeconds, "");
    }

    public ClusterConfig {
        members = List.copyOf(members);
        Objects.requireNonNull(interfaces, "interfaces");
        Objects.requireNonNull(memberName, "memberName");
        Objects.requireNonNull(discovery, "discovery");
    }

    public boolean enabled() {
        return name != null;
    }
}
