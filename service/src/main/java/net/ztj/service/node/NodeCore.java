package net.ztj.service.node;

import net.ztj.core.identity.Address;
import net.ztj.core.node.ControllerRequest;
import net.ztj.core.node.LocalController;
import net.ztj.core.node.MoonInfo;
import net.ztj.core.node.NetworkInfo;
import net.ztj.core.node.NodeStatus;
import net.ztj.core.node.PeerInfo;
import net.ztj.core.wire.Endpoint;

import java.util.List;
import java.util.Optional;

/**
 * The node core as the service drives it: the methods of the core's {@code Node} facade, so that the real node plugs
 * in through a one-to-one adapter and tests use a fake.
 *
 * <p>Contract: not thread-safe; only the {@link NodeRunner}'s thread calls it. Time is always given, never read.
 * The methods returning a deadline return the time (ms) by which {@link #processBackgroundTasks} wants to run next.
 */
public interface NodeCore {
    /** Hands the node one received datagram; returns the next background deadline. */
    long processWirePacket(long nowMs, long localSocket, Endpoint from, byte[] data, int off, int len);

    /** Runs the node's timers; returns the next background deadline. */
    long processBackgroundTasks(long nowMs);

    NodeStatus status(long nowMs);

    /** Whether the node is online: {@link #status}'s flag, without the rest of the status. */
    default boolean online(long nowMs) {
        return status(nowMs).online();
    }

    /** Packets by verb and bytes by direction so far (nothing counted by a core that keeps no counts). */
    default net.ztj.core.node.TrafficCounters.Snapshot traffic() {
        return net.ztj.core.node.TrafficCounters.Snapshot.EMPTY;
    }

    /** Each peer's packet counts and latency histogram (none from a core that keeps no counts). */
    default List<net.ztj.core.node.PeerCounters> peerCounters() {
        return List.of();
    }

    /** Each joined network's frame counts and subscription count (none from a core that keeps no counts). */
    default List<net.ztj.core.node.NetworkCounters> networkCounters() {
        return List.of();
    }

    /** Every peer the node holds, in ascending address order. */
    List<PeerInfo> peers(long nowMs);

    Optional<PeerInfo> peer(Address address, long nowMs);

    /** The moons we orbit, including those still waiting for their world to arrive. */
    List<MoonInfo> moons();

    /** Starts orbiting a moon, fetching it from the seed (the address of one of its roots). */
    void orbit(long moonId, Address seed, long nowMs);

    void deorbit(long moonId);

    /**
     * Joins a network; false if it was joined already.
     *
     * @param cachedConfig the configuration cached by an earlier run, or null
     */
    boolean join(long networkId, byte[] cachedConfig, long nowMs);

    /** Leaves a network; false if it was not joined. */
    boolean leave(long networkId);

    /** The joined networks, in ascending id order. */
    List<NetworkInfo> networks();

    Optional<NetworkInfo> network(long networkId);

    /** The local addresses (bound address and port pairs) the node advertises to peers. */
    void setLocalAddresses(List<Endpoint> addresses);

    /**
     * The physical network changed (an address came or went, or the machine slept): paths are re-established at
     * once (see the core's {@code Node#networkChanged}). Returns the next background deadline.
     */
    default long networkChanged(long nowMs) {
        return nowMs;
    }

    /** The user's limits on physical paths and addresses to try (local.conf physical and virtual). */
    default void setPathPolicy(net.ztj.core.node.PathPolicy policy) {
    }

    /** The peers to keep in peers.d (see the core's {@code Node#peersToCache}); none by default. */
    default List<net.ztj.core.node.peer.CachedPeer> peersToCache(long nowMs) {
        return List.of();
    }

    /**
     * A peer from peers.d: known again and its cached addresses tried; false if not taken. {@code identityChecked}:
     * its identity has passed {@code locallyValidate} already (else the node checks it).
     */
    default boolean addCachedPeer(net.ztj.core.node.peer.CachedPeer cached, long nowMs, boolean identityChecked) {
        return false;
    }

    /** A frame from a network's port: {@code data} is the Ethernet payload, read only during the call. */
    long processVirtualNetworkFrame(long nowMs, long networkId, long sourceMac, long destMac, int etherType,
                                    byte[] data, int off, int len);

    /** The multicast groups a network's port subscribes to, as last scanned. */
    void setMulticastSubscriptions(long networkId, java.util.Set<net.ztj.core.network.addressing.MulticastGroup> groups,
                                   long nowMs);

    /**
     * The embedded controller's answer to a request the node handed it, sent now; returns the next background
     * deadline. A core that runs no controller gets none.
     */
    default long controllerAnswered(ControllerRequest request, LocalController.Answer answer, long nowMs) {
        return nowMs;
    }

    /** The embedded controller's pushes, sent now; returns the next background deadline. */
    default long controllerPushes(List<LocalController.Push> pushes, long nowMs) {
        return nowMs;
    }
}
