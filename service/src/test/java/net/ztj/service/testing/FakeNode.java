package net.ztj.service.testing;

import net.ztj.core.identity.Address;
import net.ztj.core.node.MoonInfo;
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
}
