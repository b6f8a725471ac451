package net.ztj.core.node;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.identity.IdentityHasher;

import java.util.random.RandomGenerator;

/**
 * The few collaborators every part of the node shares, owned by {@link Node} and confined to its thread.
 */
final class NodeContext {
    final Identity identity;
    final Address self;
    final NodeConfig config;
    final PhysicalTransport transport;
    final NodeEvents events;
    final RandomGenerator random;
    final DropCounters drops = new DropCounters();
    final ExpectedReplies expectedReplies = new ExpectedReplies();
    final IdentityHasher hasher = new IdentityHasher();
    final Topology topology;
    /** Where requests for the embedded network controller go, or null when this node runs none. */
    ControllerRequests controller;
    /** The members our controller recently sent a configuration to. */
    final LocalAuthorizations localAuthorizations = new LocalAuthorizations();
    /** Our bound local addresses, advertised in PUSH_DIRECT_PATHS. */
    java.util.List<net.ztj.core.wire.Endpoint> localAddresses = java.util.List.of();

    NodeContext(Identity identity, Topology topology, NodeConfig config, PhysicalTransport transport,
                NodeEvents events, RandomGenerator random) {
        this.identity = identity;
        this.self = identity.address();
        this.topology = topology;
        this.config = config;
        this.transport = transport;
        this.events = events;
        this.random = random;
    }

    void drop(DropReason r) {
        drops.count(r);
    }

    /** Path checks of spec 02 §11.3: usable scopes only, and no Hurricane Electric tunnel addresses. */
    static boolean pathAllowed(net.ztj.core.wire.Endpoint e) {
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
