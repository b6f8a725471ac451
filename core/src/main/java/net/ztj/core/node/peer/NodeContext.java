package net.ztj.core.node.peer;

import net.ztj.core.node.ControllerRequests;
import net.ztj.core.node.DropCounters;
import net.ztj.core.node.DropReason;
import net.ztj.core.node.Node;
import net.ztj.core.node.NodeConfig;
import net.ztj.core.node.NodeEvents;
import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.identity.IdentityHasher;

import java.util.random.RandomGenerator;

/**
 * The few collaborators every part of the node shares, owned by {@link Node} and confined to its thread.
 */
public final class NodeContext {
    public final Identity identity;
    public final Address self;
    public final NodeConfig config;
    public final PhysicalTransport transport;
    public final NodeEvents events;
    public final RandomGenerator random;
    public final DropCounters drops = new DropCounters();
    public final net.ztj.core.node.TrafficCounters traffic = new net.ztj.core.node.TrafficCounters();
    public final ExpectedReplies expectedReplies = new ExpectedReplies();
    /** Made on first use, dropped after a quiet period on a member (see {@link #hasher()}). */
    private IdentityHasher hasher;
    private boolean hasherUsed;
    private long hasherLastUsedMs;
    public final Topology topology;
    /** Where requests for the embedded network controller go, or null when this node runs none. */
    public ControllerRequests controller;
    /** The members our controller recently sent a configuration to. */
    public final LocalAuthorizations localAuthorizations = new LocalAuthorizations();
    /** The user's limits on physical paths and addresses to try (local.conf physical and virtual). */
    public net.ztj.core.node.PathPolicy pathPolicy = net.ztj.core.node.PathPolicy.NONE;
    /** Our bound local addresses, advertised in PUSH_DIRECT_PATHS. */
    public java.util.List<net.ztj.core.wire.Endpoint> localAddresses = java.util.List.of();

    public NodeContext(Identity identity, Topology topology, NodeConfig config, PhysicalTransport transport,
                NodeEvents events, RandomGenerator random) {
        this.identity = identity;
        this.self = identity.address();
        this.topology = topology;
        this.config = config;
        this.transport = transport;
        this.events = events;
        this.random = random;
    }

    /**
     * The hasher that validates peer identities. Its 2 MiB scratch buffer is made on first use: a member validates
     * an identity only when a new peer appears, so it holds the buffer only around those moments
     * ({@link #releaseIdleHasher}); a root, which meets new peers all the time, keeps it.
     */
    public IdentityHasher hasher() {
        IdentityHasher h = hasher;
        if (h == null) hasher = h = new IdentityHasher();
        hasherUsed = true;
        return h;
    }

    /**
     * Housekeeping: drops the hasher of a member once it has gone unused for {@code quietMs}. Returns whether a
     * hasher is held afterwards.
     */
    public boolean releaseIdleHasher(long now, long quietMs) {
        if (hasher == null) return false;
        if (hasherUsed) {
            hasherUsed = false;
            hasherLastUsedMs = now;
        } else if (!topology.amRoot() && now - hasherLastUsedMs >= quietMs) {
            hasher = null;
        }
        return hasher != null;
    }

    public void drop(DropReason r) {
        drops.count(r);
    }

    /** Path checks of spec 02 §11.3: usable scopes only, and no Hurricane Electric tunnel addresses. */
    public static boolean pathAllowed(net.ztj.core.wire.Endpoint e) {
        switch (e.scope()) {
            case NONE, LOOPBACK, MULTICAST, LINK_LOCAL:
                return false;
            default:
                break;
        }
        if (e.port() == 0) return false;
        if (e.isV6()) {
            byte[] ip = e.ip();
            return !(ip[0] == 0x20 && ip[1] == 0x01 && ip[2] == 0x04 && ip[3] == 0x70);
        }
        return true;
    }
}
