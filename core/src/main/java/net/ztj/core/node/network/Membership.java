package net.ztj.core.node.network;

import net.ztj.core.node.NetworkInfo;
import net.ztj.core.node.NetworkStatus;
import net.ztj.core.node.peer.Timing;
import net.ztj.core.identity.Address;
import net.ztj.core.network.addressing.MulticastGroup;
import net.ztj.core.network.config.ConfigAssembler;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Our membership of one network (spec 03 §5): its state, when we last asked for its configuration, that
 * configuration, the multicast groups we subscribe to, and what we know of the other members.
 */
public final class Membership {
    /** Default MTU of a virtual network (spec 02 §12). */
    public static final int DEFAULT_MTU = 2800;

    public final long networkId;
    public NetworkStatus failure; // null: no failure recorded
    public long lastRequestMs = Long.MIN_VALUE / 2;
    public long lastConfigUpdateMs;
    public long configTimestamp; // the controller's timestamp of the configuration held, 0 if none
    public NetworkInfo configured; // null until a configuration is applied
    /** The applied configuration as the data path uses it; null until one is applied. */
    public ConfiguredNetwork net;
    public final ConfigAssembler assembler;
    /** Groups the local port subscribes to (spec 03 §3.2 item 1). */
    public final TreeSet<MulticastGroup> subscriptions = new TreeSet<>();
    /** Groups seen from hosts behind us when we are a bridge, with when they were last seen. */
    public final Map<MulticastGroup, Long> bridgedGroups = new HashMap<>();
    /** MAC → the bridge it sits behind (spec 03 §4.4). */
    public final Map<Long, Address> bridgeRoutes = new HashMap<>();
    public final Map<Address, RemoteMember> members = new HashMap<>();
    public long lastUpstreamAnnounceMs = Long.MIN_VALUE / 2;
    /** Frames that met the network's rules, across its configurations. */
    public final FrameCounts frames = new FrameCounts();

    public Membership(long networkId) {
        this.networkId = networkId;
        this.assembler = new ConfigAssembler(networkId);
    }

    /** The controller's address: the network id's high 40 bits (spec 03 §1.1). */
    public long controller() {
        return networkId >>> 24;
    }

    public NetworkStatus status() {
        if (failure != null) return failure;
        return configured == null ? NetworkStatus.REQUESTING_CONFIGURATION : NetworkStatus.OK;
    }

    /** Unconfigured networks ask every ping check (≈5 s); configured ones once a minute after the last change. */
    public boolean requestDue(long now) {
        long interval = configured == null ? Timing.PING_CHECK_INTERVAL : Timing.NETWORK_AUTOCONF_DELAY;
        return now - lastRequestMs >= interval && (configured == null || now - lastConfigUpdateMs >= interval);
    }

    /** Frames may flow only with a configuration and no failure recorded. */
    public ConfiguredNetwork usable() {
        return failure == null ? net : null;
    }

    /** Every group we announce (spec 03 §6.2): subscriptions ∪ bridged groups ∪ broadcast if enabled. */
    public TreeSet<MulticastGroup> announcedGroups() {
        TreeSet<MulticastGroup> all = new TreeSet<>(subscriptions);
        all.addAll(bridgedGroups.keySet());
        if (net != null && net.broadcastEnabled()) all.add(MulticastGroup.BROADCAST);
        return all;
    }

    /** Whether we list ourselves in gather answers for a group (§6.3): own or bridged subscriptions only. */
    public boolean subscribes(MulticastGroup g) {
        return subscriptions.contains(g) || bridgedGroups.containsKey(g);
    }
}
