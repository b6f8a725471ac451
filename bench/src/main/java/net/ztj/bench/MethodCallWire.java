package net.ztj.bench;

import net.ztj.core.node.Node;
import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.wire.Endpoint;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The "wire" of the two-node benchmarks: a datagram sent to an endpoint is handed at once, on the sending thread,
 * to the node attached there. Each node gets its own {@link #port} (its transport), which knows its address.
 */
final class MethodCallWire {
    private final Map<Endpoint, Node> nodes = new HashMap<>();
    private final LongSupplier clock;

    MethodCallWire(LongSupplier clock) {
        this.clock = clock;
    }

    /** The transport of the node that will sit at {@code self}. */
    PhysicalTransport port(Endpoint self) {
        return (localSocket, to, data, off, len, ttl) -> {
            Node target = nodes.get(to);
            if (target != null) target.processWirePacket(clock.getAsLong(), 1, self, data, off, len);
            return true;
        };
    }

    /** Attaches a node at its endpoint, once it is built. */
    void attach(Endpoint at, Node node) {
        nodes.put(at, node);
    }
}
