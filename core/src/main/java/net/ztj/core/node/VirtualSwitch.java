package net.ztj.core.node;

import net.ztj.core.identity.Address;
import net.ztj.core.network.rules.FilterResult;
import net.ztj.core.network.rules.SideCopy;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.CredentialSpans;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Ethernet switch between the local port and the network (spec 03 §4): frames from the port go out as FRAME
 * or EXT_FRAME (or to {@link MulticastSwitch}), frames from peers come in through the membership gate and the rules
 * to the port ({@link NodeEvents#virtualNetworkFrame}).
 */
final class VirtualSwitch {
    static final int MAX_BRIDGE_FANOUT = 32;

    private final NodeContext ctx;
    private final Sender sender;
    private final Networks networks;
    private final WhoisService whois;
    private final FrameFilter filter;
    private final CredentialExchange credentials;
    private MulticastSwitch multicast;
    /** The bytes before the Ethernet payload of an outgoing FRAME / EXT_FRAME, reused. */
    private final byte[] head = new byte[32];

    VirtualSwitch(NodeContext ctx, Sender sender, Networks networks, WhoisService whois, FrameFilter filter,
                  CredentialExchange credentials) {
        this.ctx = ctx;
        this.sender = sender;
        this.networks = networks;
        this.whois = whois;
        this.filter = filter;
        this.credentials = credentials;
    }

    void wire(MulticastSwitch multicast) {
        this.multicast = multicast;
    }

    // ---- outbound: a frame from the local port (spec 03 §4.1) ----

    void localFrame(long now, long networkId, long srcMac, long dstMac, int etherType, byte[] data, int off, int len) {
        Membership m = networks.forFrames(networkId);
        if (m == null) return;
        ConfiguredNetwork net = m.net;
        boolean bridged = srcMac != net.mac;
        if (bridged && !net.weAreBridge) {
            ctx.drop(DropReason.BRIDGING_REFUSED);
            return;
        }
        if ((dstMac & 0x010000000000L) != 0) {
            multicast.localMulticast(now, m, net, srcMac, dstMac, etherType, data, off, len, bridged);
            return;
        }
        if (dstMac == net.mac) {
            ctx.events.virtualNetworkFrame(networkId, srcMac, dstMac, etherType, 0, data, off, len);
            return;
        }
        if (net.isNodeMac(dstMac)) {
            Address dest = net.addressOf(dstMac);
            Peer peer = ctx.topology.peers.get(dest);
            RemoteMember rm = peer == null ? m.members.get(dest) : networks.member(m, peer.identity);
            FilterResult r = filter.outbound(net, dest.value(), rm, srcMac, dstMac, etherType, data, off, len, false);
            if (!sideEffects(m, net, r, srcMac, dstMac, etherType, data, off, len, now)) return;
            if (peer == null) {
                // ask who it is; our credentials and the frame go out, in that order, once it is known
                byte[] frame = bridged ? extFrame(networkId, 0, dstMac, srcMac, etherType, data, off, len)
                        : new ByteWriter(len + 10).u64(networkId).u16(etherType).bytes(data, off, len).toByteArray();
                byte[] creds = credentials.ourCredentials(net);
                if (creds != null) whois.request(dest, new WhoisService.PendingSend(Verb.NETWORK_CREDENTIALS, creds, now), now);
                whois.request(dest, new WhoisService.PendingSend(bridged ? Verb.EXT_FRAME : Verb.FRAME, frame, now), now);
                return;
            }
            credentials.pushIfNeeded(m, net, rm, peer, now);
            if (!bridged) {
                putU64(head, 0, networkId);
                head[8] = (byte) (etherType >>> 8);
                head[9] = (byte) etherType;
                sender.sendFrame(peer, Verb.FRAME, head, 10, data, off, len, false, now);
            } else {
                sendExtFrame(peer, networkId, 0, dstMac, srcMac, etherType, data, off, len, false, now);
            }
            return;
        }
        // a MAC behind some remote bridge (§4.1 step 6)
        FilterResult r = filter.outbound(net, 0, null, srcMac, dstMac, etherType, data, off, len, false);
        if (!sideEffects(m, net, r, srcMac, dstMac, etherType, data, off, len, now)) return;
        for (Address bridge : bridgesFor(m, net, dstMac)) {
            Peer peer = ctx.topology.peers.get(bridge);
            if (peer == null) {
                whois.request(bridge, null, now);
                continue;
            }
            RemoteMember rm = networks.member(m, peer.identity);
            FilterResult each = filter.outbound(net, bridge.value(), rm, srcMac, dstMac, etherType, data, off, len, true);
            if (!(each instanceof FilterResult.Accepted)) continue;
            credentials.pushIfNeeded(m, net, rm, peer, now);
            sendExtFrame(peer, networkId, 0, dstMac, srcMac, etherType, data, off, len, false, now);
        }
    }

    private List<Address> bridgesFor(Membership m, ConfiguredNetwork net, long dstMac) {
        Address known = m.bridgeRoutes.get(dstMac);
        if (known != null && !known.equals(ctx.self) && net.isBridge(known)) return List.of(known);
        List<Address> all = new ArrayList<>(net.activeBridges);
        all.remove(ctx.self);
        if (all.size() > MAX_BRIDGE_FANOUT) {
            Collections.shuffle(all, ctx.random);
            all = all.subList(0, MAX_BRIDGE_FANOUT);
        }
        return all;
    }

    /**
     * Acts on a filter result's TEE/WATCH copies and REDIRECT (spec 03 §9.6). Returns whether the frame itself goes
     * on to its destination.
     */
    boolean sideEffects(Membership m, ConfiguredNetwork net, FilterResult r, long srcMac, long dstMac, int etherType,
                        byte[] data, int off, int len, long now) {
        for (SideCopy c : r.copies()) {
            int n = c.length() <= 0 ? len : Math.min(len, c.length());
            sendTo(m, net, c.to(), c.extFrameFlags(), dstMac, srcMac, etherType, data, off, n, now);
        }
        switch (r) {
            case FilterResult.Dropped d -> {
                ctx.drop(DropReason.FRAME_FILTERED);
                return false;
            }
            case FilterResult.Redirected red -> {
                if (!red.to().equals(ctx.self)) {
                    sendTo(m, net, red.to(), red.extFrameFlags(), dstMac, srcMac, etherType, data, off, len, now);
                }
                return false;
            }
            case FilterResult.Accepted a -> {
                return true;
            }
        }
    }

    private void sendTo(Membership m, ConfiguredNetwork net, Address to, int flags, long dstMac, long srcMac,
                        int etherType, byte[] data, int off, int len, long now) {
        if (to.equals(ctx.self)) return;
        Peer peer = ctx.topology.peers.get(to);
        if (peer == null) {
            whois.request(to, null, now);
            return;
        }
        credentials.pushIfNeeded(m, net, networks.member(m, peer.identity), peer, now);
        sendExtFrame(peer, net.networkIdValue(), flags, dstMac, srcMac, etherType, data, off, len, true, now);
    }

    void sendExtFrame(Peer peer, long networkId, int flags, long dstMac, long srcMac, int etherType, byte[] data,
                      int off, int len, boolean compress, long now) {
        if (compress) {
            byte[] p = extFrame(networkId, flags, dstMac, srcMac, etherType, data, off, len);
            sender.sendData(peer, Verb.EXT_FRAME, p, true, (flags & 0x10) != 0, now);
            return;
        }
        putU64(head, 0, networkId);
        head[8] = (byte) flags;
        putU48(head, 9, dstMac);
        putU48(head, 15, srcMac);
        head[21] = (byte) (etherType >>> 8);
        head[22] = (byte) etherType;
        sender.sendFrame(peer, Verb.EXT_FRAME, head, 23, data, off, len, (flags & 0x10) != 0, now);
    }

    private static void putU64(byte[] b, int o, long v) {
        for (int i = 0; i < 8; i++) b[o + i] = (byte) (v >>> (56 - 8 * i));
    }

    private static void putU48(byte[] b, int o, long v) {
        for (int i = 0; i < 6; i++) b[o + i] = (byte) (v >>> (40 - 8 * i));
    }

    private static byte[] extFrame(long networkId, int flags, long dstMac, long srcMac, int etherType, byte[] data,
                                   int off, int len) {
        return new ByteWriter(len + 24).u64(networkId).u8(flags).u48(dstMac).u48(srcMac).u16(etherType)
                .bytes(data, off, len).toByteArray();
    }

    // ---- inbound ----

    /** FRAME (spec 03 §4.2): {@code [nwid 8][ethertype 2][payload]}, MACs implied. */
    void frame(InboundPacket in) {
        byte[] p = in.buffer();
        int base = in.offset(), total = in.length();
        if (total < 10) throw new MalformedException("FRAME too short");
        ByteReader r = in.reader();
        long networkId = r.u64();
        int etherType = r.u16();
        Membership m = networks.forFrames(networkId);
        if (m == null) return;
        ConfiguredNetwork net = m.net;
        RemoteMember rm = networks.member(m, in.peer().identity);
        if (!rm.passesGate(net)) {
            credentials.rejectFrame(in, networkId);
            return;
        }
        in.peer().lastActivityMs = in.now();
        if (total <= 10) return;
        int off = base + 10, len = total - 10;
        long srcMac = net.macOf(rm.address);
        FilterResult f = filter.inbound(net, rm, srcMac, net.mac, etherType, p, off, len);
        if (!sideEffects(m, net, f, srcMac, net.mac, etherType, p, off, len, in.now())) return;
        ctx.events.virtualNetworkFrame(networkId, srcMac, net.mac, etherType, 0, p, off, len);
    }

    /** EXT_FRAME (spec 03 §4.3). */
    void extFrame(InboundPacket in) {
        byte[] p = in.buffer();
        ByteReader r = in.reader();
        long networkId = r.u64();
        int flags = r.u8();
        byte[] com = (flags & 0x01) != 0 ? CredentialSpans.com(r) : null;
        long dstMac = r.u48();
        long srcMac = r.u48();
        int etherType = r.u16();
        int off = r.position();
        int len = in.offset() + in.length() - off;
        Membership m = networks.forFrames(networkId);
        if (m == null) return;
        ConfiguredNetwork net = m.net;
        if (com != null) {
            credentials.offerCom(parseCom(com), in.now());
        }
        RemoteMember rm = networks.member(m, in.peer().identity);
        if (!rm.passesGate(net)) {
            credentials.rejectFrame(in, networkId);
            return;
        }
        in.peer().lastActivityMs = in.now();
        if (len > 0) {
            if (srcMac == 0 || srcMac == net.mac) {
                ctx.drop(DropReason.FRAME_BAD_MAC);
                return;
            }
            FilterResult f = filter.inbound(net, rm, srcMac, dstMac, etherType, p, off, len);
            boolean deliver = sideEffects(m, net, f, srcMac, dstMac, etherType, p, off, len, in.now());
            if (deliver) {
                boolean superAccept = f instanceof FilterResult.Accepted a && a.superAccept();
                if (!superAccept) {
                    Address sender = rm.address;
                    if (srcMac != net.macOf(sender)) {
                        if (!net.isBridge(sender)) {
                            ctx.drop(DropReason.BRIDGING_REFUSED);
                            return;
                        }
                        m.bridgeRoutes.put(srcMac, sender);
                    } else if (dstMac != net.mac) {
                        if ((dstMac & 0x010000000000L) != 0) {
                            if (net.multicastLimit() == 0) {
                                ctx.drop(DropReason.MULTICAST_DISABLED);
                                return;
                            }
                        } else if (!net.weAreBridge) {
                            ctx.drop(DropReason.BRIDGING_REFUSED);
                            return;
                        }
                    }
                }
                ctx.events.virtualNetworkFrame(networkId, srcMac, dstMac, etherType, 0, p, off, len);
            }
        }
        if ((flags & 0x10) != 0) {
            byte[] ok = new ByteWriter(24).u8(Verb.EXT_FRAME.code).u64(in.packetId()).u64(networkId).toByteArray();
            sender.reply(in.peer(), in.socket(), in.from(), Verb.OK, ok, in.now());
        }
    }

    private static net.ztj.core.network.credentials.CertificateOfMembership parseCom(byte[] com) {
        return net.ztj.core.network.credentials.CertificateOfMembership.parse(com);
    }
}
