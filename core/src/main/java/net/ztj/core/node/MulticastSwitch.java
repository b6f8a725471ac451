package net.ztj.core.node;

import net.ztj.core.identity.Address;
import net.ztj.core.network.addressing.Mac;
import net.ztj.core.network.addressing.MulticastGroup;
import net.ztj.core.network.credentials.CertificateOfMembership;
import net.ztj.core.network.rules.FilterResult;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.PacketHeader;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.CredentialSpans;
import net.ztj.core.wire.verbs.GatherResults;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Multicast on virtual networks (spec 03 §3, §6): ARP and broadcast from the port mapped to groups, NDP emulation,
 * sender-side replication with gathering, MULTICAST_FRAME/LIKE/GATHER from peers, and the LIKE announcements.
 */
final class MulticastSwitch {
    static final long ANNOUNCE_PERIOD_MS = 60_000;
    static final long BRIDGED_GROUP_EXPIRE_MS = 2 * 600_000;
    static final int MAX_MULTICAST_PAYLOAD = 10_000;
    static final long CONTROLLER_AUTH_MEMORY_MS = 180_000;

    private final NodeContext ctx;
    private final Sender sender;
    private final Networks networks;
    private final WhoisService whois;
    private final FrameFilter filter;
    private final CredentialExchange credentials;
    private final VirtualSwitch unicast;
    final Multicaster directory = new Multicaster();

    MulticastSwitch(NodeContext ctx, Sender sender, Networks networks, WhoisService whois, FrameFilter filter,
                    CredentialExchange credentials, VirtualSwitch unicast) {
        this.ctx = ctx;
        this.sender = sender;
        this.networks = networks;
        this.whois = whois;
        this.filter = filter;
        this.credentials = credentials;
        this.unicast = unicast;
    }

    // ---- from the local port ----

    /** A multicast or broadcast frame from the port (spec 03 §4.1 step 3, §3.3, §3.4). */
    void localMulticast(long now, Membership m, ConfiguredNetwork net, long srcMac, long dstMac, int etherType,
                        byte[] data, int off, int len, boolean bridged) {
        MulticastGroup group;
        if (dstMac == Mac.BROADCAST.value()) {
            if (etherType == 0x0806 && len >= 28 && data[off + 2] == 0x08 && data[off + 3] == 0x00
                    && data[off + 4] == 6 && data[off + 5] == 4 && data[off + 7] == 1) {
                long adi = ((data[off + 24] & 0xffL) << 24) | ((data[off + 25] & 0xffL) << 16)
                        | ((data[off + 26] & 0xffL) << 8) | (data[off + 27] & 0xffL);
                group = new MulticastGroup(Mac.BROADCAST, adi);
            } else if (net.broadcastEnabled()) {
                group = MulticastGroup.BROADCAST;
            } else {
                ctx.drop(DropReason.MULTICAST_DISABLED);
                return;
            }
        } else {
            if (etherType == 0x86dd && net.ndpEmulation()) {
                NdpEmulation.Advert advert = NdpEmulation.advertisement(net, ctx.self, data, off, len);
                if (advert != null) {
                    byte[] pkt = advert.packet();
                    ctx.events.virtualNetworkFrame(net.networkIdValue(), advert.sourceMac(), net.mac, 0x86dd, 0, pkt,
                            0, pkt.length);
                    return;
                }
            }
            group = new MulticastGroup(new Mac(dstMac), 0);
        }
        if (net.multicastLimit() == 0) {
            ctx.drop(DropReason.MULTICAST_DISABLED);
            return;
        }
        if (bridged && m.bridgedGroups.put(group, now) == null) announceNew(m, net, group, now);
        FilterResult r = filter.outbound(net, 0, null, srcMac, dstMac, etherType, data, off, len, false);
        if (!unicast.sideEffects(m, net, r, srcMac, dstMac, etherType, data, off, len, now)) return;
        send(now, m, net, group, bridged ? srcMac : 0, dstMac, etherType, data, off, Math.min(len, MAX_MULTICAST_PAYLOAD), null);
    }

    /**
     * Sender-side replication (spec 03 §6.4).
     *
     * @param srcMac the source MAC to carry (bridged traffic, replication), or 0 for our own
     * @param origin the node a replicated frame came from (never sent back to it), or null
     */
    private void send(long now, Membership m, ConfiguredNetwork net, MulticastGroup group, long srcMac, long dstMac,
                      int etherType, byte[] data, int off, int len, Address origin) {
        long networkId = net.networkIdValue();
        int limit = (int) Math.min(net.multicastLimit(), Integer.MAX_VALUE);
        if (!net.weAreBridge && !net.replicators.isEmpty() && !net.weAreReplicator) {
            Peer best = null;
            for (Address a : net.replicators) {
                Peer p = ctx.topology.peers.get(a);
                if (p == null || p.bestPath(now) == null) continue;
                if (best == null || (p.latencyMs >= 0 && (best.latencyMs < 0 || p.latencyMs < best.latencyMs))) best = p;
            }
            if (best != null) {
                byte[] payload = frame(networkId, 0x0c, 0, srcMac == 0 ? net.mac : srcMac, group, etherType, data, off, len);
                sender.sendData(best, Verb.MULTICAST_FRAME, payload, !net.compressionDisabled(), false, now);
                return;
            }
        }
        List<Address> recipients = new ArrayList<>();
        for (Address b : net.activeBridges) {
            if (!b.equals(ctx.self) && !b.equals(origin)) recipients.add(b);
        }
        int known = directory.known(networkId, group);
        for (Address a : directory.shuffledMembers(networkId, group, ctx.random)) {
            if (recipients.size() >= limit) break;
            if (a.equals(ctx.self) || a.equals(origin) || net.isBridge(a)) continue;
            recipients.add(a);
        }
        long gatherLimit = known >= limit ? 1 : (limit - known) + 1;
        int flags = 0x02 | (srcMac != 0 ? 0x04 : 0);
        byte[] payload = frame(networkId, flags, gatherLimit, srcMac, group, etherType, data, off, len);
        for (Address a : recipients) copyTo(now, m, net, a, payload, srcMac == 0 ? net.mac : srcMac, dstMac, etherType, data, off, len);
        if (known >= limit) return;
        byte[] kept = java.util.Arrays.copyOfRange(data, off, off + len); // the caller's buffer is reused
        Multicaster.Pending pending = new Multicaster.Pending(now, limit, origin,
                (member, t) -> copyTo(t, m, net, member, payload, srcMac == 0 ? net.mac : srcMac, dstMac, etherType,
                        kept, 0, kept.length));
        pending.sentTo.addAll(recipients);
        directory.queue(networkId, group, pending);
        Multicaster.Group grp = directory.group(networkId, group);
        if (known == 0 || now - grp.lastExplicitGatherMs >= Multicaster.EXPLICIT_GATHER_SPACING_MS) {
            grp.lastExplicitGatherMs = now;
            gather(now, net, group, gatherLimit);
        }
    }

    /** One copy of a multicast to one member, after the per-recipient filter (TEE suppressed). */
    private void copyTo(long now, Membership m, ConfiguredNetwork net, Address to, byte[] payload, long srcMac,
                        long dstMac, int etherType, byte[] data, int off, int len) {
        Peer peer = ctx.topology.peers.get(to);
        if (peer == null) {
            byte[] creds = credentials.ourCredentials(net);
            if (creds != null) whois.request(to, new WhoisService.PendingSend(Verb.NETWORK_CREDENTIALS, creds, now), now);
            whois.request(to, new WhoisService.PendingSend(Verb.MULTICAST_FRAME, payload, now), now);
            return;
        }
        RemoteMember rm = networks.member(m, peer.identity);
        if (!net.acceptAll) {
            FilterResult r = filter.outbound(net, to.value(), rm, srcMac, dstMac, etherType, data, off, len, true);
            if (!(r instanceof FilterResult.Accepted)) return;
        }
        credentials.pushIfNeeded(m, net, rm, peer, now);
        sender.sendData(peer, Verb.MULTICAST_FRAME, payload, !net.compressionDisabled(), true, now);
    }

    private static byte[] frame(long networkId, int flags, long gatherLimit, long srcMac, MulticastGroup group,
                                int etherType, byte[] data, int off, int len) {
        ByteWriter w = new ByteWriter(len + 40).u64(networkId).u8(flags);
        if ((flags & 0x02) != 0) w.u32(gatherLimit);
        if ((flags & 0x04) != 0) w.u48(srcMac);
        return w.u48(group.mac().value()).u32(group.adi()).u16(etherType).bytes(data, off, len).toByteArray();
    }

    /** MULTICAST_GATHER to the best root, the controller, anchors and replicators, at most 16 (spec 03 §6.4). */
    private void gather(long now, ConfiguredNetwork net, MulticastGroup group, long gatherLimit) {
        Set<Address> to = new LinkedHashSet<>();
        Peer root = sender.bestUpstream(now, null);
        if (root != null) to.add(root.identity.address());
        to.add(new Address(net.networkIdValue() >>> 24));
        List<Address> specials = new ArrayList<>(net.anchors);
        specials.addAll(net.replicators);
        java.util.Collections.shuffle(specials, ctx.random);
        to.addAll(specials);
        to.addAll(net.anchors);
        to.remove(ctx.self);
        int flags = net.com.isPresent() ? 0x01 : 0;
        ByteWriter w = new ByteWriter(64).u64(net.networkIdValue()).u8(flags).u48(group.mac().value()).u32(group.adi())
                .u32(gatherLimit);
        if (net.com.isPresent()) w.bytes(net.com.get().serialize());
        byte[] payload = w.toByteArray();
        int n = 0;
        for (Address a : to) {
            if (n++ >= Multicaster.MAX_GATHER_RECIPIENTS) break;
            Peer p = ctx.topology.peers.get(a);
            if (p == null) whois.request(a, null, now);
            else sender.sendData(p, Verb.MULTICAST_GATHER, payload, false, true, now);
        }
    }

    // ---- from peers ----

    /** MULTICAST_FRAME (spec 03 §6.5). */
    void multicastFrame(InboundPacket in) {
        byte[] p = in.buffer();
        ByteReader r = in.reader();
        long networkId = r.u64();
        int flags = r.u8();
        byte[] com = (flags & 0x01) != 0 ? CredentialSpans.com(r) : null;
        long gatherLimit = (flags & 0x02) != 0 ? r.u32() : -1;
        long carriedSrc = (flags & 0x04) != 0 ? r.u48() : 0;
        long dstMac = r.u48();
        long adi = r.u32();
        int etherType = r.u16();
        int off = r.position(), len = in.offset() + in.length() - off;
        Membership m = networks.forFrames(networkId);
        if (m == null) return;
        ConfiguredNetwork net = m.net;
        if (com != null) credentials.offerCom(CertificateOfMembership.parse(com), in.now());
        RemoteMember rm = networks.member(m, in.peer().identity);
        if (!rm.passesGate(net)) {
            credentials.rejectFrame(in, networkId);
            return;
        }
        if (net.multicastLimit() == 0) {
            ctx.drop(DropReason.MULTICAST_DISABLED);
            return;
        }
        MulticastGroup group = new MulticastGroup(new Mac(dstMac), adi);
        long senderMac = net.macOf(rm.address);
        long srcMac = carriedSrc != 0 ? carriedSrc : senderMac;
        if (len > 0 && len <= MAX_MULTICAST_PAYLOAD) {
            if ((dstMac & 0x010000000000L) == 0 || srcMac == 0 || (srcMac & 0x010000000000L) != 0 || srcMac == net.mac) {
                ctx.drop(DropReason.FRAME_BAD_MAC);
                return;
            }
            if ((flags & 0x08) != 0 && net.weAreReplicator) {
                send(in.now(), m, net, group, srcMac, dstMac, etherType, p, off, len, rm.address);
            }
            if (srcMac != senderMac) {
                if (!net.isBridge(rm.address)) {
                    ctx.drop(DropReason.BRIDGING_REFUSED);
                    return;
                }
                m.bridgeRoutes.put(srcMac, rm.address);
            }
            FilterResult f = filter.inbound(net, rm, srcMac, dstMac, etherType, p, off, len);
            if (unicast.sideEffects(m, net, f, srcMac, dstMac, etherType, p, off, len, in.now())) {
                in.peer().lastActivityMs = in.now();
                ctx.events.virtualNetworkFrame(networkId, srcMac, dstMac, etherType, 0, p, off, len);
            }
        } else if (len > MAX_MULTICAST_PAYLOAD) {
            ctx.drop(DropReason.FRAME_TOO_LARGE);
        }
        if (gatherLimit > 0) answerGather(in, Verb.MULTICAST_FRAME, networkId, group, m.subscribes(group), gatherLimit);
    }

    /**
     * OK(MULTICAST_FRAME) with flags 0x02 or OK(MULTICAST_GATHER), listing the group's members (spec 03 §6.3); nothing
     * when there is nobody to list.
     */
    private void answerGather(InboundPacket in, Verb inRe, long networkId, MulticastGroup group, boolean weSubscribe,
                              long limit) {
        Multicaster.Gathered g = directory.gather(ctx.self, weSubscribe, networkId, group, in.peer().identity.address(),
                limit, ctx.random);
        if (g.members().isEmpty()) return;
        ByteWriter w = new ByteWriter(64 + 5 * g.members().size()).u8(inRe.code).u64(in.packetId()).u64(networkId)
                .u48(group.mac().value()).u32(group.adi());
        if (inRe == Verb.MULTICAST_FRAME) w.u8(0x02);
        new GatherResults(g.totalKnown(), g.members()).encode(w);
        sender.reply(in.peer(), in.socket(), in.from(), Verb.OK, w.toByteArray(), in.now());
    }

    /** MULTICAST_LIKE (spec 03 §6.2): recorded for members that pass the gate, by roots for anyone. */
    void like(InboundPacket in) {
        ByteReader r = new ByteReader(in.payload());
        Address from = in.peer().identity.address();
        while (r.remaining() >= 18) {
            long networkId = r.u64();
            MulticastGroup group = new MulticastGroup(Mac.read(r), r.u32());
            if (mayRecord(in, networkId, from)) directory.add(networkId, group, from, in.now());
        }
    }

    private boolean mayRecord(InboundPacket in, long networkId, Address from) {
        if (ctx.topology.amRoot()) return true;
        Membership m = networks.joined(networkId);
        if (m != null) {
            ConfiguredNetwork net = m.usable();
            if (net != null && networks.member(m, in.peer().identity).passesGate(net)) return true;
        }
        return ctx.controller != null && ctx.localAuthorizations.recent(from, networkId, in.now());
    }

    /** MULTICAST_GATHER (spec 03 §6.3). */
    void gatherRequest(InboundPacket in) {
        ByteReader r = new ByteReader(in.payload());
        long networkId = r.u64();
        int flags = r.u8();
        MulticastGroup group = new MulticastGroup(Mac.read(r), r.u32());
        long limit = r.u32();
        if ((flags & 0x01) != 0 && r.hasRemaining()) {
            credentials.offerCom(CertificateOfMembership.parse(CredentialSpans.com(r)), in.now());
        }
        if (limit == 0 || !mayRecord(in, networkId, in.peer().identity.address())) return;
        Membership m = networks.joined(networkId);
        boolean weSubscribe = m != null && m.usable() != null && m.subscribes(group);
        answerGather(in, Verb.MULTICAST_GATHER, networkId, group, weSubscribe, limit);
    }

    /** OK(MULTICAST_GATHER): {@code [nwid][mac][adi][results]}. */
    void gatherReply(ByteReader r, long now) {
        long networkId = r.u64();
        MulticastGroup group = new MulticastGroup(Mac.read(r), r.u32());
        learn(networkId, group, GatherResults.decode(r), now);
    }

    /** OK(MULTICAST_FRAME): {@code [nwid][mac][adi][flags][COM?][results?]}. */
    void frameReply(ByteReader r, long now) {
        long networkId = r.u64();
        MulticastGroup group = new MulticastGroup(Mac.read(r), r.u32());
        int flags = r.u8();
        if ((flags & 0x01) != 0) CredentialSpans.com(r);
        if ((flags & 0x02) != 0) learn(networkId, group, GatherResults.decode(r), now);
    }

    private void learn(long networkId, MulticastGroup group, GatherResults results, long now) {
        for (Address a : results.members()) {
            if (!a.equals(ctx.self)) directory.add(networkId, group, a, now);
        }
    }

    // ---- announcing our groups (spec 03 §6.2) ----

    /** The port's subscriptions changed: new groups are announced at once. */
    void setSubscriptions(Membership m, Set<MulticastGroup> groups, long now) {
        TreeSet<MulticastGroup> added = new TreeSet<>(groups);
        added.removeAll(m.subscriptions);
        m.subscriptions.clear();
        m.subscriptions.addAll(groups);
        ConfiguredNetwork net = m.usable();
        if (net == null) return;
        for (MulticastGroup g : added) announceNew(m, net, g, now);
    }

    private void announceNew(Membership m, ConfiguredNetwork net, MulticastGroup g, long now) {
        List<MulticastGroup> one = List.of(g);
        for (Address a : upstreamSet(net)) like(a, net.networkIdValue(), one, now);
        for (RemoteMember rm : List.copyOf(m.members.values())) {
            if (!upstreamSet(net).contains(rm.address) && rm.passesGate(net)) like(rm.address, net.networkIdValue(), one, now);
        }
    }

    /** Every background pass: all groups to the upstream set each minute, and to each member each minute. */
    void tick(long now) {
        directory.expire(now);
        for (Membership m : networks.all()) {
            ConfiguredNetwork net = m.usable();
            if (net == null) continue;
            m.bridgedGroups.values().removeIf(t -> now - t >= BRIDGED_GROUP_EXPIRE_MS);
            List<MulticastGroup> all = new ArrayList<>(m.announcedGroups());
            if (all.isEmpty()) continue;
            Set<Address> upstream = upstreamSet(net);
            if (now - m.lastUpstreamAnnounceMs >= ANNOUNCE_PERIOD_MS) {
                m.lastUpstreamAnnounceMs = now;
                for (Address a : upstream) like(a, net.networkIdValue(), all, now);
            }
            for (RemoteMember rm : List.copyOf(m.members.values())) {
                if (upstream.contains(rm.address) || now - rm.lastLikeSentMs < ANNOUNCE_PERIOD_MS) continue;
                if (!rm.passesGate(net)) continue;
                rm.lastLikeSentMs = now;
                like(rm.address, net.networkIdValue(), all, now);
            }
        }
    }

    private Set<Address> upstreamSet(ConfiguredNetwork net) {
        Set<Address> s = new LinkedHashSet<>(net.anchors);
        s.addAll(net.replicators);
        s.add(new Address(net.networkIdValue() >>> 24));
        s.addAll(ctx.topology.upstreamIdentities().keySet());
        s.remove(ctx.self);
        return s;
    }

    private void like(Address to, long networkId, List<MulticastGroup> groups, long now) {
        Peer p = ctx.topology.peers.get(to);
        int i = 0;
        while (i < groups.size()) {
            ByteWriter w = new ByteWriter(256);
            while (i < groups.size() && PacketHeader.IDX_PAYLOAD + w.size() + 24 < PacketHeader.MAX_LENGTH) {
                w.u64(networkId);
                groups.get(i++).write(w);
            }
            if (p == null) whois.request(to, new WhoisService.PendingSend(Verb.MULTICAST_LIKE, w.toByteArray(), now), now);
            else sender.send(p, Verb.MULTICAST_LIKE, w.toByteArray(), now);
        }
    }
}
