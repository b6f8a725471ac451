package net.ztj.core.node.multicast;

import net.ztj.core.node.DropReason;
import net.ztj.core.node.network.ConfiguredNetwork;
import net.ztj.core.node.network.CredentialExchange;
import net.ztj.core.node.network.FrameFilter;
import net.ztj.core.node.network.Membership;
import net.ztj.core.node.network.Networks;
import net.ztj.core.node.network.RemoteMember;
import net.ztj.core.node.network.RuleActions;
import net.ztj.core.node.peer.InboundPacket;
import net.ztj.core.node.peer.NodeContext;
import net.ztj.core.node.peer.Outcome;
import net.ztj.core.node.peer.Peer;
import net.ztj.core.node.peer.Sender;
import net.ztj.core.node.peer.WhoisService;
import net.ztj.core.identity.Address;
import net.ztj.core.network.addressing.Mac;
import net.ztj.core.network.addressing.MulticastGroup;
import net.ztj.core.network.credentials.CertificateOfMembership;
import net.ztj.core.network.rules.FilterResult;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.wire.PacketHeader;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.GatherResults;
import net.ztj.core.wire.verbs.MulticastFrame;
import net.ztj.core.wire.verbs.MulticastGather;
import net.ztj.core.wire.verbs.MulticastLike;
import net.ztj.core.wire.verbs.OkHeader;
import net.ztj.core.wire.verbs.OkMulticastFrame;
import net.ztj.core.wire.verbs.OkMulticastGather;
import net.ztj.core.wire.verbs.VerbPayload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Multicast on virtual networks (spec 03 §3, §6): ARP and broadcast from the port mapped to groups, NDP emulation,
 * sender-side replication with gathering, MULTICAST_FRAME/LIKE/GATHER from peers, and the LIKE announcements.
 */
public final class MulticastSwitch {
    public static final long ANNOUNCE_PERIOD_MS = 60_000;
    public static final long BRIDGED_GROUP_EXPIRE_MS = 2 * 600_000;
    public static final int MAX_MULTICAST_PAYLOAD = 10_000;
    public static final long CONTROLLER_AUTH_MEMORY_MS = 180_000;

    private final NodeContext ctx;
    private final Sender sender;
    private final Networks networks;
    private final WhoisService whois;
    private final FrameFilter filter;
    private final CredentialExchange credentials;
    private final RuleActions rules;
    /** The in-place decoder of inbound MULTICAST_FRAMEs, reused (one thread drives the node). */
    private final MulticastFrame.View frameView = new MulticastFrame.View();
    /** The handler of the MULTICAST_FRAMEs the membership gate lets through, made once. */
    private final CredentialExchange.AdmittedFrame deliverFrame = this::deliverFrame;
    public final Multicaster directory = new Multicaster();

    public MulticastSwitch(NodeContext ctx, Sender sender, Networks networks, WhoisService whois, FrameFilter filter,
                    CredentialExchange credentials, RuleActions rules) {
        this.ctx = ctx;
        this.sender = sender;
        this.networks = networks;
        this.whois = whois;
        this.filter = filter;
        this.credentials = credentials;
        this.rules = rules;
    }

    // ---- from the local port ----

    /** A multicast or broadcast frame from the port (spec 03 §4.1 step 3, §3.3, §3.4). */
    public void localMulticast(long now, Membership m, ConfiguredNetwork net, long srcMac, long dstMac, int etherType,
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
        if (!rules.sideEffects(m, net, r, srcMac, dstMac, etherType, data, off, len, now)) return;
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
                byte[] payload = frame(networkId, MulticastFrame.FLAG_SOURCE_MAC | MulticastFrame.FLAG_PLEASE_REPLICATE, 0,
                        srcMac == 0 ? net.mac : srcMac, group, etherType, data, off, len);
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
        int flags = MulticastFrame.FLAG_GATHER_LIMIT | (srcMac != 0 ? MulticastFrame.FLAG_SOURCE_MAC : 0);
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
        return new MulticastFrame(networkId, flags, null, gatherLimit, srcMac, group.mac().value(), group.adi(),
                etherType, Arrays.copyOfRange(data, off, off + len)).toBytes();
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
        byte[] com = net.com.map(CertificateOfMembership::serialize).orElse(null);
        byte[] payload = new MulticastGather(net.networkIdValue(), com == null ? 0 : MulticastGather.FLAG_COM_ATTACHED,
                group.mac().value(), group.adi(), gatherLimit, com).toBytes();
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
    public Outcome multicastFrame(InboundPacket in) {
        if (!frameView.wrap(in.buffer(), in.offset(), in.length())) return Outcome.rejected(DropReason.MALFORMED);
        return credentials.admitFrame(in, frameView, deliverFrame);
    }

    private Outcome deliverFrame(InboundPacket in, Membership m, RemoteMember rm) {
        MulticastFrame.View f = frameView;
        ConfiguredNetwork net = m.net;
        if (net.multicastLimit() == 0) return Outcome.ignored(DropReason.MULTICAST_DISABLED);
        long networkId = f.networkId();
        long gatherLimit = f.gatherLimit();
        long dstMac = f.destinationMac();
        int etherType = f.etherType();
        byte[] p = f.buffer();
        int off = f.dataOffset(), len = f.dataLength();
        MulticastGroup group = new MulticastGroup(new Mac(dstMac), f.adi());
        long senderMac = net.macOf(rm.address);
        // as 1.14: an explicit source MAC is taken as sent, so a zero one is refused below
        long srcMac = f.hasSourceMac() ? f.sourceMac() : senderMac;
        if (len > 0 && len <= MAX_MULTICAST_PAYLOAD) {
            if (!Mac.isMulticast(dstMac) || srcMac == 0 || Mac.isMulticast(srcMac) || srcMac == net.mac) {
                return Outcome.ignored(DropReason.FRAME_BAD_MAC);
            }
            if (f.pleaseReplicate() && net.weAreReplicator) {
                send(in.now(), m, net, group, srcMac, dstMac, etherType, p, off, len, rm.address);
            }
            if (srcMac != senderMac) {
                if (!net.isBridge(rm.address)) return Outcome.ignored(DropReason.BRIDGING_REFUSED);
                m.bridgeRoutes.put(srcMac, rm.address);
            }
            FilterResult r = filter.inbound(net, rm, srcMac, dstMac, etherType, p, off, len);
            if (rules.sideEffects(m, net, r, srcMac, dstMac, etherType, p, off, len, in.now())) {
                in.peer().lastActivityMs = in.now();
                ctx.events.virtualNetworkFrame(networkId, srcMac, dstMac, etherType, 0, p, off, len);
            }
        }
        if (gatherLimit > 0) answerGather(in, Verb.MULTICAST_FRAME, networkId, group, m.subscribes(group), gatherLimit);
        return len > MAX_MULTICAST_PAYLOAD ? Outcome.ignored(DropReason.FRAME_TOO_LARGE) : Outcome.HANDLED;
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
        ByteWriter w = new ByteWriter(64 + 5 * g.members().size());
        new OkHeader(inRe, in.packetId()).encode(w);
        GatherResults results = new GatherResults(g.totalKnown(), g.members());
        long mac = group.mac().value();
        VerbPayload body = inRe == Verb.MULTICAST_FRAME
                ? new OkMulticastFrame(networkId, mac, group.adi(), OkMulticastFrame.FLAG_GATHER_RESULTS, null, results)
                : new OkMulticastGather(networkId, mac, group.adi(), results);
        body.encode(w);
        sender.reply(in.peer(), in.socket(), in.from(), Verb.OK, w.toByteArray(), in.now());
    }

    /** MULTICAST_LIKE (spec 03 §6.2): recorded for members that pass the gate, by roots for anyone. */
    public Outcome like(InboundPacket in) {
        Address from = in.peer().identity.address();
        for (MulticastLike.Subscription sub : MulticastLike.decode(in.reader()).subscriptions()) {
            if (mayRecord(in, sub.networkId(), from)) {
                directory.add(sub.networkId(), new MulticastGroup(new Mac(sub.mac()), sub.adi()), from, in.now());
            }
        }
        return Outcome.HANDLED;
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

    /**
     * MULTICAST_GATHER (spec 03 §6.3). An attached COM that is missing or does not parse is discarded and the gather
     * still answered, as 1.14 does.
     */
    public Outcome gatherRequest(InboundPacket in) {
        MulticastGather req = MulticastGather.decode(in.reader());
        if (req.com() != null) {
            try {
                credentials.offerCom(CertificateOfMembership.parse(req.com()), in.now());
            } catch (MalformedException discarded) {
                // 1.14 discards an invalid COM here and goes on
            }
        }
        long networkId = req.networkId();
        MulticastGroup group = new MulticastGroup(new Mac(req.mac()), req.adi());
        if (req.gatherLimit() == 0 || !mayRecord(in, networkId, in.peer().identity.address())) return Outcome.HANDLED;
        Membership m = networks.joined(networkId);
        boolean weSubscribe = m != null && m.usable() != null && m.subscribes(group);
        answerGather(in, Verb.MULTICAST_GATHER, networkId, group, weSubscribe, req.gatherLimit());
        return Outcome.HANDLED;
    }

    /** OK(MULTICAST_GATHER): the members a gather found. */
    public void gatherReply(OkMulticastGather reply, long now) {
        learn(reply.networkId(), new MulticastGroup(new Mac(reply.mac()), reply.adi()), reply.results(), now);
    }

    /** OK(MULTICAST_FRAME): the members an implicit gather found, if the reply carries them. */
    public void frameReply(OkMulticastFrame reply, long now) {
        if (reply.results() == null) return;
        learn(reply.networkId(), new MulticastGroup(new Mac(reply.mac()), reply.adi()), reply.results(), now);
    }

    private void learn(long networkId, MulticastGroup group, GatherResults results, long now) {
        for (Address a : results.members()) {
            if (!a.equals(ctx.self)) directory.add(networkId, group, a, now);
        }
    }

    // ---- announcing our groups (spec 03 §6.2) ----

    /** The port's subscriptions changed: new groups are announced at once. */
    public void setSubscriptions(Membership m, Set<MulticastGroup> groups, long now) {
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
    public void tick(long now) {
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
