package net.ztj.core.node;

import net.ztj.core.identity.Address;
import net.ztj.core.network.addressing.NetworkId;
import net.ztj.core.network.addressing.NetworkMac;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.ErrorCode;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.NetworkConfigRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The networks this node has joined (spec 03 §5, §7): asking each network's controller for its configuration
 * (every 5 s while unconfigured, every minute after the last change), and the states the controller's answers
 * lead to.
 */
final class Networks {
    private final NodeContext ctx;
    private final Sender sender;
    private final WhoisService whois;
    private final Map<Long, Membership> joined = new TreeMap<>(Long::compareUnsigned);

    Networks(NodeContext ctx, Sender sender, WhoisService whois) {
        this.ctx = ctx;
        this.sender = sender;
        this.whois = whois;
    }

    /** Joins a network; returns false if already joined. The first request goes out at the next tick. */
    boolean join(long networkId) {
        if (joined.containsKey(networkId)) return false;
        joined.put(networkId, new Membership(networkId));
        return true;
    }

    boolean leave(long networkId) {
        return joined.remove(networkId) != null;
    }

    Optional<Membership> get(long networkId) {
        return Optional.ofNullable(joined.get(networkId));
    }

    void tick(long now) {
        for (Membership m : joined.values()) {
            if (m.requestDue(now)) request(m, now);
        }
    }

    private void request(Membership m, long now) {
        m.lastRequestMs = now;
        NodeConfig cfg = ctx.config;
        NetworkInfo held = m.configured;
        NetworkConfigRequest req = new NetworkConfigRequest(m.networkId, requestMetadata(cfg.platform()),
                held == null ? 0 : held.revision(), held == null ? 0 : m.lastConfigUpdateMs);
        ByteWriter w = new ByteWriter(256);
        req.encode(w);
        Address controller = new Address(m.controller());
        Peer peer = ctx.topology.peers.get(controller);
        if (controller.equals(ctx.self)) {
            m.failure = NetworkStatus.NOT_FOUND; // no local controller in this node
        } else if (peer == null) {
            whois.request(controller, new WhoisService.PendingSend(Verb.NETWORK_CONFIG_REQUEST, w.toByteArray(), now), now);
        } else {
            sender.send(peer, Verb.NETWORK_CONFIG_REQUEST, w.toByteArray(), now);
        }
    }

    /**
     * The metadata dictionary 1.14.1 sends with a request (spec 03 §7.1.2): these keys, in this order, integers as
     * 16 hex digits.
     */
    static byte[] requestMetadata(String platform) {
        StringBuilder d = new StringBuilder(256);
        hex(d, "v", 7);
        hex(d, "vend", 1);
        hex(d, "pv", Versions.PROTOCOL);
        hex(d, "majv", Versions.MAJOR);
        hex(d, "minv", Versions.MINOR);
        hex(d, "revv", Versions.REVISION);
        hex(d, "mr", 1024);
        hex(d, "mc", 128);
        hex(d, "mcr", 64);
        hex(d, "mt", 128);
        hex(d, "f", 0);
        hex(d, "revr", 1);
        d.append("o=").append(platform);
        return d.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void hex(StringBuilder d, String key, long v) {
        d.append(key).append('=').append(String.format("%016x", v)).append('\n');
    }

    /**
     * An ERROR in reply to a configuration request (spec 03 §7.5.1): acted on only when it comes from that
     * network's controller.
     */
    void error(Address from, ErrorCode code, long networkId) {
        Membership m = joined.get(networkId);
        if (m == null || from.value() != m.controller()) return;
        switch (code) {
            case OBJ_NOT_FOUND, UNSUPPORTED_OPERATION -> m.failure = NetworkStatus.NOT_FOUND;
            case NETWORK_ACCESS_DENIED -> m.failure = NetworkStatus.ACCESS_DENIED;
            case NETWORK_AUTHENTICATION_REQUIRED -> m.failure = NetworkStatus.AUTHENTICATION_REQUIRED;
            default -> { }
        }
    }

    List<NetworkInfo> snapshot() {
        List<NetworkInfo> out = new ArrayList<>();
        for (Membership m : joined.values()) out.add(info(m));
        return out;
    }

    NetworkInfo info(Membership m) {
        long mac = NetworkMac.of(ctx.self, new NetworkId(m.networkId)).value();
        NetworkInfo c = m.configured;
        if (c == null) {
            return new NetworkInfo(m.networkId, mac, m.status(), "", true, Membership.DEFAULT_MTU, 0, false, false,
                    List.of(), List.of(), NetworkInfo.Dns.NONE);
        }
        return new NetworkInfo(m.networkId, mac, m.status(), c.name(), c.isPrivate(), c.mtu(), c.revision(),
                c.broadcastEnabled(), c.bridge(), c.assignedAddresses(), c.routes(), c.dns());
    }
}
