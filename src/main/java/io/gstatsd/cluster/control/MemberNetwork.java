package io.gstatsd.cluster.control;

import java.util.List;

/** What the exchange needs of the Data Grid; members are named by the grid's own member ids. */
public interface MemberNetwork {

    /** This member's id. */
    String self();

    /** The members now, oldest first (the grid's order), this one included. */
    List<String> members();

    /** The member that owns a key's partition now; this member's id while the grid cannot say (a migration). */
    String ownerOf(String key);

    /** Sends bytes to a member's inbox; they arrive in {@link ClusterExchange#receive} there. */
    void send(String member, byte[] bytes);
}
