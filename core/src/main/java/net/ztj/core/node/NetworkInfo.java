package net.ztj.core.node;

import net.ztj.core.network.addressing.MulticastGroup;

import java.util.List;

/**
 * A snapshot of a joined network, for the API (spec 05 §5.7.3). Before a configuration arrives: empty name,
 * private, MTU 2800, revision 0, no addresses or routes.
 *
 * @param mac               our MAC on this network (48 bits)
 * @param assignedAddresses "ip/bits" in configuration order
 * @param multicastSubscriptions the groups the network's port subscribes to, in ascending order
 */
public record NetworkInfo(long networkId, long mac, NetworkStatus status, String name, boolean isPrivate, int mtu,
                          long revision, boolean broadcastEnabled, boolean bridge, List<String> assignedAddresses,
                          List<Route> routes, Dns dns, List<MulticastGroup> multicastSubscriptions) {
    public NetworkInfo {
        multicastSubscriptions = List.copyOf(multicastSubscriptions);
    }

    /** The same network with other subscriptions (none: what its configuration alone decides). */
    public NetworkInfo withMulticastSubscriptions(List<MulticastGroup> groups) {
        return new NetworkInfo(networkId, mac, status, name, isPrivate, mtu, revision, broadcastEnabled, bridge,
                assignedAddresses, routes, dns, groups);
    }

    /** A managed route: target "ip/bits", via "ip" or null. */
    public record Route(String target, String via, int flags, int metric) {}

    /** DNS settings pushed by the controller. */
    public record Dns(String domain, List<String> servers) {
        public static final Dns NONE = new Dns("", List.of());
    }
}
