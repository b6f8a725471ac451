package net.ztj.core.node.ethernet;

import net.ztj.core.node.DropReason;
import net.ztj.core.node.NodeEvents;
import net.ztj.core.node.multicast.MulticastSwitch;
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
import net.ztj.core.network.rules.FilterResult;
import net.ztj.core.network.addressing.Mac;
import net.ztj.core.wire.BigEndian;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.ExtFrame;
import net.ztj.core.wire.verbs.Frame;
import net.ztj.core.wire.verbs.OkHeader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The Ethernet switch between the local port and the network (spec 03 §4): frames from the port go out as FRAME
 * or EXT_FRAME (or to {@link MulticastSwitch}), frames from peers come in through the membership gate and the rules
 * to the port ({@link NodeEvents#virtualNetworkFrame}).
 */
public final class VirtualSwitch {
    public static final int MAX_BRIDGE_FANOUT = 32;

    private final NodeContext ctx;
    private final Sender sender;
    private final Networks networks;
    private final WhoisService whois;
    private final FrameFilter filter;
    private final CredentialExchange credentials;
    private final RuleActions rules;
    private final MulticastSwitch multicast;
    /** The header of an outgoing FRAME, reused. */
    private final byte[] head = new byte[Frame.DATA_OFFSET];
    /** The in-place decoders of the inbound frames, reused (one thread drives the node). */
    private final Frame.View frameView = new Frame.View();
    private final ExtFrame.View extFrameView = new ExtFrame.View();
    /** The handlers of the frames the membership gate lets through, made once. */
    private final CredentialExchange.AdmittedFrame deliverFrame = this::deliverFrame;
    private final CredentialExchange.AdmittedFrame deliverExtFrame = this::deliverExtFrame;

    public VirtualSwitch(NodeContext ctx, Sender sender, Networks networks, WhoisService whois, FrameFilter filter,
                  CredentialExchange credentials, RuleActions rules, MulticastSwitch multicast) {
        this.ctx = ctx;
        this.sender = sender;
        this.networks = networks;
        this.whois = whois;
        this.filter = filter;
        this.credentials = credentials;
        this.rules = rules;
        this.multicast = multicast;
    }

    // ---- outbound: a frame from the local port (spec 03 §4.1) ----

    public void localFrame(long now, long networkId, long srcMac, long dstMac, int etherType, byte[] data, int off, int len) {
        Membership m = networks.usable(networkId);
        if (m == null) {
            ctx.drop(DropReason.FRAME_NO_NETWORK);
            return;
        }
        ConfiguredNetwork net = m.net;
        boolean bridged = srcMac != net.mac;
        if (bridged && !net.weAreBridge) {
            ctx.drop(DropReason.BRIDGING_REFUSED);
            return;
        }
        if (Mac.isMulticast(dstMac)) {
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
            if (!rules.sideEffects(m, net, r, srcMac, dstMac, etherType, data, off, len, now)) return;
            if (peer == null) {
                // ask who it is; our credentials and the frame go out, in that order, once it is known
                byte[] frame = bridged ? RuleActions.extFramePayload(networkId, 0, dstMac, srcMac, etherType, data, off, len)
                        : new Frame(networkId, etherType, Arrays.copyOfRange(data, off, off + len)).toBytes();
                byte[] creds = credentials.ourCredentials(net);
                if (creds != null) whois.request(dest, new WhoisService.PendingSend(Verb.NETWORK_CREDENTIALS, creds, now), now);
                whois.request(dest, new WhoisService.PendingSend(bridged ? Verb.EXT_FRAME : Verb.FRAME, frame, now), now);
                return;
            }
            credentials.pushIfNeeded(m, net, rm, peer, now);
            if (!bridged) {
                BigEndian.putU64(head, 0, networkId);
                BigEndian.putU16(head, Frame.ETHERTYPE_OFFSET, etherType);
                sender.sendFrame(peer, Verb.FRAME, head, Frame.DATA_OFFSET, data, off, len, false, now);
            } else {
                rules.sendExtFrame(peer, networkId, 0, dstMac, srcMac, etherType, data, off, len, false, now);
            }
            return;
        }
        // a MAC behind some remote bridge (§4.1 step 6)
        FilterResult r = filter.outbound(net, 0, null, srcMac, dstMac, etherType, data, off, len, false);
        if (!rules.sideEffects(m, net, r, srcMac, dstMac, etherType, data, off, len, now)) return;
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
            rules.sendExtFrame(peer, networkId, 0, dstMac, srcMac, etherType, data, off, len, false, now);
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

    // ---- inbound ----

    /** FRAME (spec 03 §4.2): MACs implied by the two members' addresses. */
    public Outcome frame(InboundPacket in) {
        if (!frameView.wrap(in.buffer(), in.offset(), in.length())) return Outcome.rejected(DropReason.MALFORMED);
        return credentials.admitFrame(in, frameView, deliverFrame);
    }

    private Outcome deliverFrame(InboundPacket in, Membership m, RemoteMember rm) {
        Frame.View f = frameView;
        in.peer().lastActivityMs = in.now();
        int len = f.dataLength();
        if (len == 0) return Outcome.HANDLED;
        ConfiguredNetwork net = m.net;
        int etherType = f.etherType();
        byte[] p = f.buffer();
        int off = f.dataOffset();
        long srcMac = net.macOf(rm.address);
        FilterResult r = filter.inbound(net, rm, srcMac, net.mac, etherType, p, off, len);
        if (rules.sideEffects(m, net, r, srcMac, net.mac, etherType, p, off, len, in.now())) {
            ctx.events.virtualNetworkFrame(f.networkId(), srcMac, net.mac, etherType, 0, p, off, len);
        }
        return Outcome.HANDLED;
    }

    /** EXT_FRAME (spec 03 §4.3). */
    public Outcome extFrame(InboundPacket in) {
        if (!extFrameView.wrap(in.buffer(), in.offset(), in.length())) return Outcome.rejected(DropReason.MALFORMED);
        return credentials.admitFrame(in, extFrameView, deliverExtFrame);
    }

    private Outcome deliverExtFrame(InboundPacket in, Membership m, RemoteMember rm) {
        ExtFrame.View f = extFrameView;
        in.peer().lastActivityMs = in.now();
        int len = f.dataLength();
        DropReason refused = len > 0 ? toPort(in, m, m.net, rm, f.sourceMac(), f.destinationMac(), f.etherType(),
                f.buffer(), f.dataOffset(), len) : null;
        if (refused != null) return Outcome.ignored(refused);
        if (f.ackRequested()) {
            byte[] ok = new ByteWriter(OkHeader.LENGTH + 8).u8(Verb.EXT_FRAME.code).u64(in.packetId())
                    .u64(f.networkId()).toByteArray();
            sender.reply(in.peer(), in.socket(), in.from(), Verb.OK, ok, in.now());
        }
        return Outcome.HANDLED;
    }

    /** The bridging checks of an EXT_FRAME, then the port; returns why it was refused, or null. */
    private DropReason toPort(InboundPacket in, Membership m, ConfiguredNetwork net, RemoteMember rm,
                            long srcMac, long dstMac, int etherType, byte[] p, int off, int len) {
        if (srcMac == 0 || srcMac == net.mac) return DropReason.FRAME_BAD_MAC;
        FilterResult f = filter.inbound(net, rm, srcMac, dstMac, etherType, p, off, len);
        if (!rules.sideEffects(m, net, f, srcMac, dstMac, etherType, p, off, len, in.now())) return null;
        boolean superAccept = f instanceof FilterResult.Accepted a && a.superAccept();
        if (!superAccept) {
            Address sender = rm.address;
            if (srcMac != net.macOf(sender)) {
                if (!net.isBridge(sender)) return DropReason.BRIDGING_REFUSED;
                m.bridgeRoutes.put(srcMac, sender);
            } else if (dstMac != net.mac) {
                if (Mac.isMulticast(dstMac)) {
                    if (net.multicastLimit() == 0) return DropReason.MULTICAST_DISABLED;
                } else if (!net.weAreBridge) {
                    return DropReason.BRIDGING_REFUSED;
                }
            }
        }
        ctx.events.virtualNetworkFrame(net.networkIdValue(), srcMac, dstMac, etherType, 0, p, off, len);
        return null;
    }
}
