package net.ztj.testkit.net;

import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.IpText;

import java.util.HashMap;
import java.util.Map;

/**
 * A NAT box with one public IP. Mappings are created by outbound datagrams and expire after an idle timeout
 * unless refreshed by outbound traffic (which is what keepalives are for).
 */
public final class Nat {
    private record Mapping(Endpoint inside, int publicPort, Endpoint remote) {}

    private static final class State {
        final Mapping mapping;
        long lastOutboundMs;
        final java.util.Set<Endpoint> contacted = new java.util.HashSet<>();

        State(Mapping m) {
            mapping = m;
        }
    }

    final SimNetwork network;
    final byte[] publicIp;
    final NatType type;
    final long mappingTimeoutMs;
    private final Map<Object, State> byKey = new HashMap<>();
    private final Map<Integer, State> byPort = new HashMap<>();
    private int nextPort = 40000;

    Nat(SimNetwork network, String publicIp, NatType type, long mappingTimeoutMs) {
        this.network = network;
        this.publicIp = IpText.parse(publicIp);
        this.type = type;
        this.mappingTimeoutMs = mappingTimeoutMs;
    }

    public Endpoint publicEndpoint(int port) {
        return Endpoint.of(publicIp, port);
    }

    /** Translates an outbound datagram's source; returns the public source endpoint. */
    Endpoint outbound(Endpoint inside, Endpoint remote, long nowMs) {
        Object key = type == NatType.SYMMETRIC ? new Mapping(inside, 0, remote) : inside;
        State s = byKey.get(key);
        if (s != null && nowMs - s.lastOutboundMs > mappingTimeoutMs) {
            byKey.remove(key);
            byPort.remove(s.mapping.publicPort);
            s = null;
        }
        if (s == null) {
            int port = nextPort++;
            s = new State(new Mapping(inside, port, type == NatType.SYMMETRIC ? remote : null));
            byKey.put(key, s);
            byPort.put(port, s);
        }
        s.lastOutboundMs = nowMs;
        s.contacted.add(remote);
        return publicEndpoint(s.mapping.publicPort);
    }

    /** Translates an inbound datagram's destination; null when the NAT filters it out. */
    Endpoint inbound(int publicPort, Endpoint remote, long nowMs) {
        State s = byPort.get(publicPort);
        if (s == null || nowMs - s.lastOutboundMs > mappingTimeoutMs) return null;
        switch (type) {
            case FULL_CONE:
                return s.mapping.inside;
            case PORT_RESTRICTED_CONE:
                return s.contacted.contains(remote) ? s.mapping.inside : null;
            default:
                return remote.equals(s.mapping.remote) ? s.mapping.inside : null;
        }
    }

    /** Number of live mappings (for tests of keepalive behaviour). */
    public int liveMappings(long nowMs) {
        int n = 0;
        for (State s : byPort.values()) if (nowMs - s.lastOutboundMs <= mappingTimeoutMs) n++;
        return n;
    }

    public String publicIpText() {
        return IpText.format(publicIp);
    }
}
