package net.ztj.core.node;

import net.ztj.core.world.World;

/**
 * What the node tells the service. Called on the node's thread; implementations must not call back into the node
 * synchronously except through the methods documented as safe for it. Every method has a no-op default.
 */
public interface NodeEvents {
    /** The node went online (an upstream was heard) or offline. */
    default void onlineChanged(boolean online) {}

    /** The planet or a moon was accepted or updated: the service persists it (planet file, moons.d). */
    default void worldUpdated(World world) {}

    /** A moon was removed by deorbit. */
    default void moonRemoved(long moonId) {}

    /**
     * A peer that is neither alive nor active was dropped from memory (not a root): its peers.d entry (as
     * {@code CachedPeer} encodes it, with the addresses of every path it still had), which ZeroTier One 1.14 stores
     * at that moment.
     */
    default void peerDropped(net.ztj.core.identity.Address peer, byte[] cacheEntry) {}

    /** An upstream reported that another node uses our address with a different key: we must regenerate. */
    default void identityCollision() {}

    /**
     * A network's configuration was applied and differs from the one held before: the service caches the dictionary
     * (networks.d/&lt;nwid&gt;.conf) and updates the network's port.
     */
    default void networkConfigured(long networkId, byte[] dictionary) {}

    /** A USER_MESSAGE arrived. */
    default void userMessage(net.ztj.core.identity.Address from, long typeId, byte[] payload) {}

    /**
     * An Ethernet frame for a network's local port (spec 03 §4.2–§4.3, §6.5): the service writes it to the tap
     * before returning, since {@code data} belongs to the node and is reused.
     *
     * @param data the Ethernet payload (after the 14-byte header)
     */
    default void virtualNetworkFrame(long networkId, long sourceMac, long destMac, int etherType, int vlanId,
                                     byte[] data, int off, int len) {}
}
