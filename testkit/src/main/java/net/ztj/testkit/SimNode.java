package net.ztj.testkit;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.node.LocalController;
import net.ztj.core.node.Node;
import net.ztj.core.node.NodeConfig;
import net.ztj.core.node.NodeEvents;
import net.ztj.core.node.PeerInfo;
import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.world.World;
import net.ztj.testkit.net.SimClock;
import net.ztj.testkit.net.SimHost;
import net.ztj.testkit.net.SimSocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A core {@link Node} living on a simulated host: its datagrams go through the {@link net.ztj.testkit.net.SimNetwork}
 * and its timers run on the {@link SimClock}, exactly as the service would drive it.
 */
public final class SimNode implements PhysicalTransport, NodeEvents {
    /** A USER_MESSAGE this node received. */
    public record Message(Address from, long type, byte[] payload, long atMs) {}

    private final SimClock clock;
    private final SimSocket socket;
    private final Node node;
    private final List<Message> messages = new ArrayList<>();
    private final List<World> worldUpdates = new ArrayList<>();
    private final List<net.ztj.core.node.peer.CachedPeer> droppedPeers = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();

    /** An Ethernet frame the node delivered to a network's port. */
    public record Frame(long networkId, long sourceMac, long destMac, int etherType, byte[] payload, long atMs) {}
    private long scheduledAt = Long.MAX_VALUE;
    private boolean running = true;

    public SimNode(SimClock clock, SimHost host, int port, Identity identity, World planet, long seed) {
        this.clock = clock;
        this.socket = host.bind(port);
        RandomGenerator random = new SplittableRandom(seed);
        this.node = new Node(identity, planet, NodeConfig.DEFAULTS, this, this, random, clock.nowMs());
        socket.onReceive((s, from, data) -> {
            if (!running) return;
            schedule(node.processWirePacket(clock.nowMs(), s.id(), from, data, 0, data.length));
        });
        clock.at(clock.nowMs(), this::tick);
    }

    private void tick() {
        if (!running) return;
        scheduledAt = Long.MAX_VALUE;
        schedule(node.processBackgroundTasks(clock.nowMs()));
    }

    private void schedule(long deadline) {
        long at = Math.max(deadline, clock.nowMs() + 1);
        if (at < scheduledAt) {
            scheduledAt = at;
            clock.at(at, () -> {
                if (scheduledAt == at) tick();
            });
        }
    }

    @Override
    public boolean send(long localSocket, Endpoint to, byte[] data, int off, int len, int ttl) {
        if (!running) return false;
        socket.send(to, data, off, len, ttl);
        return true;
    }

    @Override
    public void userMessage(Address from, long typeId, byte[] payload) {
        messages.add(new Message(from, typeId, payload, clock.nowMs()));
    }

    @Override
    public void worldUpdated(World world) {
        worldUpdates.add(world);
    }

    @Override
    public void virtualNetworkFrame(long networkId, long sourceMac, long destMac, int etherType, int vlanId,
                                    byte[] data, int off, int len) {
        frames.add(new Frame(networkId, sourceMac, destMac, etherType,
                java.util.Arrays.copyOfRange(data, off, off + len), clock.nowMs()));
    }

    /** Frames delivered to the ports of this node's networks, oldest first. */
    public List<Frame> frames() {
        return frames;
    }

    /** A frame from a network's port (as the tap would hand it over). */
    public void sendFrame(long networkId, long sourceMac, long destMac, int etherType, byte[] payload) {
        schedule(node.processVirtualNetworkFrame(clock.nowMs(), networkId, sourceMac, destMac, etherType, 0, payload, 0,
                payload.length));
    }

    /** Sets the multicast groups a network's port subscribes to. */
    public void subscribe(long networkId, java.util.Set<net.ztj.core.network.addressing.MulticastGroup> groups) {
        node.setMulticastSubscriptions(networkId, groups, clock.nowMs());
        schedule(clock.nowMs());
    }

    /** How often the controller set with {@link #setController} is asked for pushes, as the service does. */
    public static final long CONTROLLER_PUSH_CHECK_MS = 500;

    /**
     * Runs an embedded controller for this node the way the service does, off the node's calls: a request is
     * admitted when it arrives and answered by a later clock event ({@code answerDelayMs} after), and the controller
     * is asked for pushes every {@value #CONTROLLER_PUSH_CHECK_MS} ms.
     */
    public void setController(LocalController controller, long answerDelayMs) {
        node.setController(request -> {
            if (!controller.admit(request.requester(), request.networkId(), request.packetId(), request.arrivalMs())) {
                return true;
            }
            clock.after(answerDelayMs, () -> {
                if (!running) return;
                LocalController.Answer a = controller.request(request.requester(), request.networkId(),
                        request.metadata(), request.packetId(), clock.nowMs());
                schedule(node.controllerAnswered(request, a, clock.nowMs()));
            });
            return true;
        });
        clock.after(CONTROLLER_PUSH_CHECK_MS, () -> controllerPushes(controller));
    }

    /** As {@link #setController(LocalController, long)}, answering in the next clock event. */
    public void setController(LocalController controller) {
        setController(controller, 0);
    }

    private void controllerPushes(LocalController controller) {
        if (!running) return;
        List<LocalController.Push> pushes = controller.pendingPushes(clock.nowMs());
        if (!pushes.isEmpty()) schedule(node.controllerPushes(pushes, clock.nowMs()));
        clock.after(CONTROLLER_PUSH_CHECK_MS, () -> controllerPushes(controller));
    }

    /** Stops the node: it neither sends nor receives any more (a crashed or unplugged machine). */
    public void stop() {
        running = false;
    }

    public Node node() {
        return node;
    }

    public Address address() {
        return node.address();
    }

    public Endpoint endpoint() {
        return socket.localEndpoint();
    }

    public List<Message> messages() {
        return messages;
    }

    public List<World> worldUpdates() {
        return worldUpdates;
    }

    @Override
    public void peerDropped(Address peer, byte[] cacheEntry) {
        droppedPeers.add(net.ztj.core.node.peer.CachedPeer.decode(cacheEntry));
    }

    /** The peers the node dropped from memory (what the service writes to peers.d then). */
    public List<net.ztj.core.node.peer.CachedPeer> droppedPeers() {
        return droppedPeers;
    }

    public boolean sendMessage(Address to, String text) {
        boolean ok = node.sendUserMessage(clock.nowMs(), to, 0x10000L, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        schedule(clock.nowMs());
        return ok;
    }

    public Optional<PeerInfo> peer(Address a) {
        return node.peer(a, clock.nowMs());
    }

    /** Whether we have a direct (preferred) path to that peer. */
    public boolean hasDirectPath(Address a) {
        return peer(a).map(p -> p.paths().stream().anyMatch(pi -> pi.preferred())).orElse(false);
    }
}
