package net.ztj.core.node;

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
final class Membership {
    /** Default MTU of a virtual network (spec 02 §12). */
    static final int DEFAULT_MTU = 2800;

    final long networkId;
    NetworkStatus failure; // null: no failure recorded
    long lastRequestMs = Long.MIN_VALUE / 2;
    long lastConfigUpdateMs;
    long configTimestamp; // the controller's timestamp of the configuration held, 0 if none
    NetworkInfo configured; // null until a configuration is applied
    /** The applied configuration as the data path uses it; null until one is applied. */
    ConfiguredNetwork net;
    final ConfigAssembler assembler;
    /** Groups the local port subscribes to (spec 03 §3.2 item 1). */
    final TreeSet<MulticastGroup> subscriptions = new TreeSet<>();
    /** Groups seen from hosts behind us when we are a bridge, with when they were last seen. */
    final Map<MulticastGroup, Long> bridgedGroups = new HashMap<>();
    /** MAC → the bridge it sits behind (spec 03 §4.4). */
    final Map<Long, Address> bridgeRoutes = new HashMap<>();
    final Map<Address, RemoteMember> members = new HashMap<>();
    long lastUpstreamAnnounceMs = Long.MIN_VALUE / 2;

    Membership(long networkId) {
        this.networkId = networkId;
        this.assembler = new ConfigAssembler(networkId);
    }

    /** The controller's address: the network id's high 40 bits (spec 03 §1.1). */
    long controller() {
        return networkId >>> 24;
    }

    NetworkStatus status() {
        if (failure != null) return failure;
        return configured == null ? NetworkStatus.REQUESTING_CONFIGURATION : NetworkStatus.OK;
    }

    /** Unconfigured networks ask every ping check (≈5 s); configured ones once a minute after the last change. */
    boolean requestDue(long now) {
        long interval = configured == null ? Timing.PING_CHECK_INTERVAL : Timing.NETWORK_AUTOCONF_DELAY;
        return now - lastRequestMs >= interval && (configured == null || now - lastConfigUpdateMs >= interval);
    }

    /** Frames may flow only with a configuration and no failure recorded. */
    ConfiguredNetwork usable() {
        return failure == null ? net : null;
    }

    /** Every group we announce (spec 03 §6.2): subscriptions ∪ bridged groups ∪ broadcast if enabled. */
    TreeSet<MulticastGroup> announcedGroups() {
        TreeSet<MulticastGroup> all = new TreeSet<>(subscriptions);
        all.addAll(bridgedGroups.keySet());
        if (net != null && net.broadcastEnabled()) all.add(MulticastGroup.BROADCAST);
        return all;
    }

    /** Whether we list ourselves in gather answers for a group (§6.3): own or bridged subscriptions only. */
    boolean subscribes(MulticastGroup g) {
        return subscriptions.contains(g) || bridgedGroups.containsKey(g);
    }
}
