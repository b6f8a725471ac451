package net.ztj.service.physical;

import net.ztj.transport.ports.RandomPorts;
import net.ztj.transport.udp.UdpSocket;
import net.ztj.transport.udp.UdpTransport;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * Binds the node's UDP ports: each port on the wildcard address (see {@link UdpTransport} for why not per
 * interface), or, with {@code settings.bind}, on exactly the listed addresses.
 */
public final class UdpBinding {
    private final UdpTransport transport;
    private final List<InetAddress> explicitBind;

    /** @param explicitBind {@code settings.bind}; empty for the wildcard */
    public UdpBinding(UdpTransport transport, List<InetAddress> explicitBind) {
        this.transport = transport;
        this.explicitBind = List.copyOf(explicitBind);
    }

    /** Binds the port on every wanted address, all or nothing. */
    public boolean bindPort(int port) {
        List<UdpSocket> bound = new ArrayList<>();
        try {
            if (explicitBind.isEmpty()) {
                bound.add(transport.bindWildcard(port));
            } else {
                for (InetAddress a : explicitBind) bound.add(transport.bind(a, port));
            }
            return true;
        } catch (IOException | RuntimeException e) {
            bound.forEach(transport::close);
            return false;
        }
    }

    /** Binds a random secondary port by the reference's procedure (spec 05 §9.1); empty if none could be bound. */
    public OptionalInt bindRandomPort(RandomGenerator random) {
        return RandomPorts.secondary(random, this::bindPort);
    }

    /** The addresses named by {@code settings.bind} (empty: wildcard binding). */
    public List<InetAddress> explicitBind() {
        return explicitBind;
    }
}
