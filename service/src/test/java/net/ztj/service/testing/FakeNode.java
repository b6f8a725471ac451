package net.ztj.service.testing;

import net.ztj.core.identity.Address;
import net.ztj.core.node.MoonInfo;
import net.ztj.core.node.NetworkInfo;
import net.ztj.core.node.NetworkStatus;
import net.ztj.core.node.NodeStatus;
import net.ztj.core.node.PeerInfo;
import net.ztj.service.node.NodeControl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A node whose answers are set by the test; records the moon commands it gets. */
public final class FakeNode implements NodeControl {
    public volatile NodeStatus status;
    public volatile List<PeerInfo> peers = List.of();
    public volatile net.ztj.core.node.TrafficCounters.Snapshot traffic = net.ztj.core.node.TrafficCounters.Snapshot.EMPTY;
    public final List<MoonInfo> moons = new ArrayList<>();
    public final List<String> commands = new ArrayList<>();

    public FakeNode(NodeStatus status) {
        this.status = status;
    }

    @Override
    public NodeStatus status() {
        return status;
    }

    @Override
    public net.ztj.core.node.TrafficCounters.Snapshot traffic() {
        return traffic;
    }

    public volatile List<net.ztj.core.node.PeerCounters> peerCounters = List.of();
    public volatile List<net.ztj.core.node.NetworkCounters> networkCounters = List.of();

    @Override
    public List<net.ztj.core.node.PeerCounters> peerCounters() {
        return peerCounters;
    }

    @Override
    public List<net.ztj.core.node.NetworkCounters> networkCounters() {
        return networkCounters;
    }

    @Override
    public List<PeerInfo> peers() {
        return peers;
    }

    @Override
    public Optional<PeerInfo> peer(Address address) {
        return peers.stream().filter(p -> p.address().equals(address)).findFirst();
    }

    @Override
    public synchronized List<MoonInfo> moons() {
        return List.copyOf(moons);
    }

    @Override
    public synchronized void orbit(long moonId, Address seed) {
        commands.add(String.format("orbit %016x %s", moonId, seed));
        moons.add(new MoonInfo(moonId, 0, null, null, List.of(), true));
    }

    @Override
    public synchronized void deorbit(long moonId) {
        commands.add(String.format("deorbit %016x", moonId));
        moons.removeIf(m -> m.id() == moonId);
    }

    /** Joined networks, in the state the test sets. */
    public final java.util.TreeMap<Long, NetworkInfo> networks = new java.util.TreeMap<>(Long::compareUnsigned);

    @Override
    public synchronized boolean join(long networkId, byte[] cachedConfig) {
        commands.add(String.format("join %016x", networkId));
        if (networks.containsKey(networkId)) return false;
        networks.put(networkId, new NetworkInfo(networkId, 0x0a0b0c0d0e0fL, NetworkStatus.REQUESTING_CONFIGURATION, "",
                true, 2800, 0, false, false, List.of(), List.of(), NetworkInfo.Dns.NONE, List.of()));
        return true;
    }

    @Override
    public synchronized boolean leave(long networkId) {
        commands.add(String.format("leave %016x", networkId));
        return networks.remove(networkId) != null;
    }

    @Override
    public synchronized List<NetworkInfo> networks() {
        return List.copyOf(networks.values());
    }

    @Override
    public synchronized Optional<NetworkInfo> network(long networkId) {
        return Optional.ofNullable(networks.get(networkId));
    }
}
