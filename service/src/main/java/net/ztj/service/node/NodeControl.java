package net.ztj.service.node;

import net.ztj.core.identity.Address;
import net.ztj.core.node.MoonInfo;
import net.ztj.core.node.NetworkInfo;
import net.ztj.core.node.NodeStatus;
import net.ztj.core.node.PeerInfo;

import java.util.List;
import java.util.Optional;

/**
 * What the local API asks of the node: snapshots, the moon commands, joining and leaving networks. Thread-safe; implemented by
 * {@link NodeRunner}, which runs each call on the node's thread and waits for the answer.
 */
public interface NodeControl {
    NodeStatus status();

    /** Packets by verb and bytes by direction so far, copied on the node's thread. */
    default net.ztj.core.node.TrafficCounters.Snapshot traffic() {
        return net.ztj.core.node.TrafficCounters.Snapshot.EMPTY;
    }

    /** Each peer's packet counts and latency histogram, copied on the node's thread. */
    default List<net.ztj.core.node.PeerCounters> peerCounters() {
        return List.of();
    }

    /** Each joined network's frame counts and subscription count, copied on the node's thread. */
    default List<net.ztj.core.node.NetworkCounters> networkCounters() {
        return List.of();
    }

    /** Every peer the node holds, in ascending address order. */
    List<PeerInfo> peers();

    Optional<PeerInfo> peer(Address address);

    List<MoonInfo> moons();

    /** Starts orbiting a moon, fetching it from the seed root. */
    void orbit(long moonId, Address seed);

    void deorbit(long moonId);

    /**
     * Joins a network; false if it was joined already.
     *
     * @param cachedConfig the configuration cached by an earlier run ({@code networks.d/<nwid>.conf}), or null
     */
    boolean join(long networkId, byte[] cachedConfig);

    /** Leaves a network; false if it was not joined. */
    boolean leave(long networkId);

    /** The joined networks, in ascending id order. */
    List<NetworkInfo> networks();

    Optional<NetworkInfo> network(long networkId);
}
