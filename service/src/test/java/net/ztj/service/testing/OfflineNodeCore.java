package net.ztj.service.testing;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.node.MoonInfo;
import net.ztj.core.node.NetworkInfo;
import net.ztj.core.node.NetworkStatus;
import net.ztj.core.node.NodeStatus;
import net.ztj.core.node.PeerInfo;
import net.ztj.core.wire.Endpoint;
import net.ztj.service.node.NodeCore;
import net.ztj.service.node.NodeCoreFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A fake core for daemon tests: it knows its identity and nothing else (never online, no peers, orbited moons stay
 * waiting, datagrams ignored), so a test daemon sends nothing to any network. Tests that need one behaviour of a
 * core (recording the packets it is given, say) extend it and override that.
 */
public class OfflineNodeCore implements NodeCore {
    private static final long IDLE_MS = 1000;

    private final Identity identity;
    private final TreeMap<Long, MoonInfo> moons = new TreeMap<>(Long::compareUnsigned);
    private List<Endpoint> localAddresses = List.of();

    public OfflineNodeCore(Identity identity) {
        this.identity = identity;
    }

    @Override
    public long processWirePacket(long nowMs, long localSocket, Endpoint from, byte[] data, int off, int len) {
        return nowMs + IDLE_MS;
    }

    @Override
    public long processBackgroundTasks(long nowMs) {
        return nowMs + IDLE_MS;
    }

    @Override
    public NodeStatus status(long nowMs) {
        return new NodeStatus(identity.address(), identity.toPublicString(), false, 0, 0, List.of());
    }

    @Override
    public List<PeerInfo> peers(long nowMs) {
        return List.of();
    }

    @Override
    public Optional<PeerInfo> peer(Address address, long nowMs) {
        return Optional.empty();
    }

    @Override
    public List<MoonInfo> moons() {
        return new ArrayList<>(moons.values());
    }

    @Override
    public void orbit(long moonId, Address seed, long nowMs) {
        moons.putIfAbsent(moonId, new MoonInfo(moonId, 0, null, null, List.of(), true));
    }

    @Override
    public void deorbit(long moonId) {
        moons.remove(moonId);
    }

    @Override
    public void setLocalAddresses(List<Endpoint> addresses) {
        localAddresses = List.copyOf(addresses);
    }

    /** The addresses last given by the service. */
    public List<Endpoint> localAddresses() {
        return localAddresses;
    }

    private final TreeMap<Long, NetworkInfo> joined = new TreeMap<>(Long::compareUnsigned);

    @Override
    public boolean join(long networkId, byte[] cachedConfig, long nowMs) {
        return joined.putIfAbsent(networkId, new NetworkInfo(networkId, 0, NetworkStatus.REQUESTING_CONFIGURATION, "",
                true, 2800, 0, false, false, List.of(), List.of(), NetworkInfo.Dns.NONE, List.of())) == null;
    }

    @Override
    public boolean leave(long networkId) {
        return joined.remove(networkId) != null;
    }

    @Override
    public List<NetworkInfo> networks() {
        return List.copyOf(joined.values());
    }

    @Override
    public Optional<NetworkInfo> network(long networkId) {
        return Optional.ofNullable(joined.get(networkId));
    }

    /** A factory of this fake, handing back the planet file as it is. */
    public static NodeCoreFactory factory() {
        return context -> new NodeCoreFactory.Created(new OfflineNodeCore(context.identity()), context.planet().read());
    }

    @Override
    public long processVirtualNetworkFrame(long nowMs, long networkId, long sourceMac, long destMac, int etherType,
                                           byte[] data, int off, int len) {
        return nowMs + 1000;
    }

    @Override
    public void setMulticastSubscriptions(long networkId,
                                          java.util.Set<net.ztj.core.network.addressing.MulticastGroup> groups,
                                          long nowMs) {}
}
