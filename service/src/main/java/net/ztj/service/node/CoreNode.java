package net.ztj.service.node;

import net.ztj.core.identity.Address;
import net.ztj.core.node.ControllerRequest;
import net.ztj.core.node.LocalController;
import net.ztj.core.node.MoonInfo;
import net.ztj.core.node.NetworkInfo;
import net.ztj.core.node.Node;
import net.ztj.core.node.NodeStatus;
import net.ztj.core.node.PeerInfo;
import net.ztj.core.wire.Endpoint;

import java.util.List;
import java.util.Optional;

/** The real core {@link Node} seen through the service's {@link NodeCore} contract: a one-to-one adapter. */
final class CoreNode implements NodeCore {
    private final Node node;

    CoreNode(Node node) {
        this.node = node;
    }

    @Override
    public long processWirePacket(long nowMs, long localSocket, Endpoint from, byte[] data, int off, int len) {
        return node.processWirePacket(nowMs, localSocket, from, data, off, len);
    }

    @Override
    public long processBackgroundTasks(long nowMs) {
        return node.processBackgroundTasks(nowMs);
    }

    @Override
    public NodeStatus status(long nowMs) {
        return node.status(nowMs);
    }

    @Override
    public boolean online(long nowMs) {
        return node.online();
    }

    @Override
    public List<PeerInfo> peers(long nowMs) {
        return node.peers(nowMs);
    }

    @Override
    public Optional<PeerInfo> peer(Address address, long nowMs) {
        return node.peer(address, nowMs);
    }

    @Override
    public List<MoonInfo> moons() {
        return node.moons();
    }

    @Override
    public void orbit(long moonId, Address seed, long nowMs) {
        node.orbit(moonId, seed, nowMs);
    }

    @Override
    public void deorbit(long moonId) {
        node.deorbit(moonId);
    }

    @Override
    public boolean join(long networkId, byte[] cachedConfig, long nowMs) {
        return node.join(networkId, cachedConfig, nowMs);
    }

    @Override
    public boolean leave(long networkId) {
        return node.leave(networkId);
    }

    @Override
    public net.ztj.core.node.TrafficCounters.Snapshot traffic() {
        return node.traffic().snapshot();
    }

    @Override
    public List<net.ztj.core.node.PeerCounters> peerCounters() {
        return node.peerCounters();
    }

    @Override
    public List<net.ztj.core.node.NetworkCounters> networkCounters() {
        return node.networkCounters();
    }

    @Override
    public List<NetworkInfo> networks() {
        return node.networks();
    }

    @Override
    public Optional<NetworkInfo> network(long networkId) {
        return node.network(networkId);
    }

    @Override
    public void setLocalAddresses(List<Endpoint> addresses) {
        node.setLocalAddresses(addresses);
    }

    @Override
    public long networkChanged(long nowMs) {
        return node.networkChanged(nowMs);
    }

    @Override
    public void setPathPolicy(net.ztj.core.node.PathPolicy policy) {
        node.setPathPolicy(policy);
    }

    @Override
    public List<net.ztj.core.node.peer.CachedPeer> peersToCache(long nowMs) {
        return node.peersToCache(nowMs);
    }

    @Override
    public boolean addCachedPeer(net.ztj.core.node.peer.CachedPeer cached, long nowMs, boolean identityChecked) {
        return node.addCachedPeer(cached, nowMs, identityChecked);
    }

    @Override
    public long processVirtualNetworkFrame(long nowMs, long networkId, long sourceMac, long destMac, int etherType,
                                           byte[] data, int off, int len) {
        return node.processVirtualNetworkFrame(nowMs, networkId, sourceMac, destMac, etherType, 0, data, off, len);
    }

    @Override
    public long controllerAnswered(ControllerRequest request, LocalController.Answer answer, long nowMs) {
        return node.controllerAnswered(request, answer, nowMs);
    }

    @Override
    public long controllerPushes(List<LocalController.Push> pushes, long nowMs) {
        return node.controllerPushes(pushes, nowMs);
    }

    @Override
    public void setMulticastSubscriptions(long networkId, java.util.Set<net.ztj.core.network.addressing.MulticastGroup> groups,
                                          long nowMs) {
        node.setMulticastSubscriptions(networkId, groups, nowMs);
    }
}
