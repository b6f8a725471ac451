package net.ztj.core.node.network;

import net.ztj.core.node.DropReason;
import net.ztj.core.node.Node;
import net.ztj.core.node.peer.InboundPacket;
import net.ztj.core.node.peer.NodeContext;
import net.ztj.core.node.peer.Outcome;
import net.ztj.core.node.peer.Peer;
import net.ztj.core.node.peer.Sender;
import net.ztj.core.node.peer.WhoisService;
import net.ztj.core.identity.Address;
import net.ztj.core.network.credentials.Capability;
import net.ztj.core.network.credentials.CertificateOfMembership;
import net.ztj.core.network.credentials.CertificateOfOwnership;
import net.ztj.core.network.credentials.CredentialType;
import net.ztj.core.network.credentials.MembershipCheck;
import net.ztj.core.network.credentials.NetworkCredentialsPayload;
import net.ztj.core.network.credentials.Revocation;
import net.ztj.core.network.credentials.RevocationThresholds;
import net.ztj.core.network.credentials.SignerLookup;
import net.ztj.core.network.credentials.Tag;
import net.ztj.core.network.credentials.Verification;
import net.ztj.core.wire.ErrorCode;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.ErrorMessage;
import net.ztj.core.wire.verbs.NetworkCredentials;
import net.ztj.core.wire.verbs.PayloadView;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Credentials between members (spec 03 §8.7–§8.8): pushing ours before we send frames, taking theirs from
 * NETWORK_CREDENTIALS, answering NEED_MEMBERSHIP_CERTIFICATE, and revocations (with fast propagation).
 */
public final class CredentialExchange {
    public static final long PUSH_INTERVAL_MS = 500_000;
    public static final long REPUSH_ON_REQUEST_MS = 1_000;
    public static final long RECEIVE_INTERVAL_MS = 1_000;

    private final NodeContext ctx;
    private final Sender sender;
    private final WhoisService whois;
    private final Networks networks;

    public CredentialExchange(NodeContext ctx, Sender sender, WhoisService whois, Networks networks) {
        this.ctx = ctx;
        this.sender = sender;
        this.whois = whois;
        this.networks = networks;
    }

    /** Spec 03 §8.8.3: before a frame to a member, once per configuration and then every 500 s. */
    public void pushIfNeeded(Membership m, ConfiguredNetwork net, RemoteMember rm, Peer peer, long now) {
        if (rm.credentialsPushedForConfig == net.config.timestamp() && now - rm.lastCredentialsPushMs < PUSH_INTERVAL_MS) return;
        push(net, rm, peer, now);
    }

    private void push(ConfiguredNetwork net, RemoteMember rm, Peer peer, long now) {
        byte[] payload = ourCredentials(net);
        if (payload == null) return;
        rm.credentialsPushedForConfig = net.config.timestamp();
        rm.lastCredentialsPushMs = now;
        sender.send(peer, Verb.NETWORK_CREDENTIALS, payload, now);
    }

    /** Our COM, capabilities, tags and COOs as one NETWORK_CREDENTIALS payload; null without a COM. */
    public byte[] ourCredentials(ConfiguredNetwork net) {
        if (net.com.isEmpty()) return null;
        return new NetworkCredentialsPayload(List.of(net.com.get()), net.capabilities, net.tags, List.of(),
                net.certificatesOfOwnership).encode();
    }

    /** ERROR(NEED_MEMBERSHIP_CERTIFICATE) from a peer (spec 03 §8.8.2). */
    public void needCertificate(Peer peer, long networkId, long now) {
        Membership m = networks.joined(networkId);
        ConfiguredNetwork net = m == null ? null : m.usable();
        if (net == null || net.com.isEmpty()) return;
        RemoteMember rm = networks.member(m, peer.identity);
        if (rm.credentialsPushedForConfig == net.config.timestamp() && now - rm.lastCredentialsPushMs < REPUSH_ON_REQUEST_MS) return;
        push(net, rm, peer, now);
    }

    /** What a frame handler does with a frame {@link #admitFrame} let through. */
    @FunctionalInterface
    public interface AdmittedFrame {
        /** The frame's sender passed the gate of {@code m}, a network usable now; {@code rm} is that sender. */
        Outcome deliver(InboundPacket in, Membership m, RemoteMember rm);
    }

    /**
     * The membership gate every inbound frame verb goes through (FRAME, EXT_FRAME, MULTICAST_FRAME; spec 03 §4.2,
     * §4.3, §6.5): the network must be usable now (else FRAME_NO_NETWORK), a COM attached to the frame is offered
     * first, and a sender that fails the gate is answered NEED_MEMBERSHIP_CERTIFICATE (FRAME_NOT_MEMBER). A sender
     * that passes has established trust (ZeroTier One's trustEstablished: it may learn our direct paths), and the
     * frame goes on to {@code then}. Allocates nothing when {@code then} is a stored method reference.
     */
    public Outcome admitFrame(InboundPacket in, PayloadView frame, AdmittedFrame then) {
        long networkId = frame.networkId();
        Membership m = networks.usable(networkId);
        if (m == null) return Outcome.ignored(DropReason.FRAME_NO_NETWORK);
        if (frame instanceof PayloadView.Flagged f && f.hasCom()) {
            offerAttachedCom(f.buffer(), f.comOffset(), f.comEnd(), in.now());
        }
        RemoteMember rm = networks.member(m, in.peer().identity);
        if (!rm.passesGate(m.net)) return rejectFrame(in, networkId);
        in.peer().lastTrustMs = in.now();
        return then.deliver(in, m, rm);
    }

    /** Answers a frame from a peer that failed the gate with NEED_MEMBERSHIP_CERTIFICATE; the frame is dropped. */
    private Outcome rejectFrame(InboundPacket in, long networkId) {
        byte[] err = ErrorMessage.withNetworkId(in.verb(), in.packetId(), ErrorCode.NEED_MEMBERSHIP_CERTIFICATE,
                networkId).toBytes();
        sender.reply(in.peer(), in.socket(), in.from(), Verb.ERROR, err, in.now());
        return Outcome.ignored(DropReason.FRAME_NOT_MEMBER);
    }

    /**
     * NETWORK_CREDENTIALS (spec 03 §8.7, §8.8.4): at most one per peer per second; each credential goes to the
     * member it was issued to on the network it names. An unknown signer stops processing and asks WHOIS (the peer
     * pushes again when its frames are refused).
     */
    public Outcome received(InboundPacket in) {
        Peer peer = in.peer();
        if (in.now() - peer.lastCredentialsReceivedMs < RECEIVE_INTERVAL_MS) return Outcome.ignored(DropReason.RATE_LIMITED);
        peer.lastCredentialsReceivedMs = in.now();
        NetworkCredentialsPayload p = NetworkCredentialsPayload.fromWire(NetworkCredentials.decode(in.reader()));
        offerAll(p, peer.identity.address(), in.now());
        return Outcome.HANDLED;
    }

    /** Offers each credential in order, up to the first whose signer must be looked up. */
    private void offerAll(NetworkCredentialsPayload p, Address from, long now) {
        for (CertificateOfMembership com : p.certificatesOfMembership()) if (!offerCom(com, now)) return;
        for (Capability c : p.capabilities()) if (!offerCapability(c, now)) return;
        for (Tag t : p.tags()) if (!offerTag(t, now)) return;
        for (Revocation r : p.revocations()) if (!offerRevocation(r, from, now)) return;
        for (CertificateOfOwnership c : p.certificatesOfOwnership()) if (!offerCoo(c, now)) return;
    }

    private SignerLookup signers() {
        return a -> {
            if (a.equals(ctx.self)) return Optional.of(ctx.identity.publicOnly());
            Peer p = ctx.topology.peers.get(a);
            return p == null ? Optional.empty() : Optional.of(p.identity);
        };
    }

    /**
     * What a signature check means for an offered credential: keep it, refuse it (counted) and go on with the next, or
     * stop the whole packet because the signer must be looked up first.
     */
    private enum Check { KEEP, REFUSE, STOP }

    private Check verified(Verification v, Address signer, long now) {
        switch (v) {
            case VALID -> {
                return Check.KEEP;
            }
            case SIGNER_UNKNOWN -> {
                whois.request(signer, null, now);
                return Check.STOP;
            }
            default -> {
                ctx.drop(DropReason.CREDENTIAL_REJECTED);
                return Check.REFUSE;
            }
        }
    }

    /** The member a credential is for, creating its record if we know its identity (else WHOIS and skip). */
    private RemoteMember memberFor(Membership m, Address issuedTo, long now) {
        if (issuedTo.equals(ctx.self)) return null;
        Peer p = ctx.topology.peers.get(issuedTo);
        if (p == null) {
            RemoteMember known = m.members.get(issuedTo);
            if (known == null) whois.request(issuedTo, null, now);
            return known;
        }
        return networks.member(m, p.identity);
    }

    /**
     * Offers a COM attached to a frame (deprecated, sent by old peers), read from the packet buffer
     * {@code b[from..to)}: the frame's view has delimited it.
     */
    private void offerAttachedCom(byte[] b, int from, int to, long now) {
        offerCom(CertificateOfMembership.parse(Arrays.copyOfRange(b, from, to)), now);
    }

    /** Offers a COM; returns false when the rest of the packet must wait for the signer's identity. */
    public boolean offerCom(CertificateOfMembership com, long now) {
        Membership m = networks.joined(com.networkId().value());
        if (m == null) return true;
        RemoteMember rm = memberFor(m, com.issuedTo(), now);
        if (rm == null) return true;
        if (!MembershipCheck.shouldAcceptCom(rm.com, com, rm.revocations)) {
            if (rm.com.isEmpty() || !rm.com.get().equals(com)) ctx.drop(DropReason.CREDENTIAL_REJECTED);
            return true;
        }
        Check c = verified(com.verify(signers()), com.signedBy(), now);
        if (c != Check.KEEP) return c == Check.REFUSE;
        rm.com = Optional.of(com);
        rm.credentialsChanged();
        return true;
    }

    private boolean offerCapability(Capability c, long now) {
        return offerIdentified(c.networkId().value(), c.issuedTo().orElse(null), CredentialType.CAPABILITY, c.id(),
                c.timestamp(), c, rm -> rm.capabilities, Capability::timestamp, c::verify,
                new Address(c.networkId().value() >>> 24), now);
    }

    private boolean offerTag(Tag t, long now) {
        return offerIdentified(t.networkId().value(), t.issuedTo(), CredentialType.TAG, t.id(), t.timestamp(), t,
                rm -> rm.tags, Tag::timestamp, t::verify, t.signedBy(), now);
    }

    private boolean offerCoo(CertificateOfOwnership c, long now) {
        return offerIdentified(c.networkId().value(), c.issuedTo(), CredentialType.COO, c.id(), c.timestamp(), c,
                rm -> rm.certificatesOfOwnership, CertificateOfOwnership::timestamp, c::verify, c.signedBy(), now);
    }

    /**
     * A tag, capability or COO (spec 03 §8.8.4): kept per ID in the record of the member it was issued to, unless
     * the one held is the same or newer or a revocation covers it; verified before it is kept.
     */
    private <C> boolean offerIdentified(long networkId, Address issuedTo, CredentialType type, long id, long timestamp,
                                        C credential, java.util.function.Function<RemoteMember, java.util.Map<Long, C>> slots,
                                        java.util.function.ToLongFunction<C> timestampOf,
                                        java.util.function.Function<SignerLookup, Verification> verify, Address signer,
                                        long now) {
        Membership m = networks.joined(networkId);
        if (m == null || issuedTo == null) return true;
        RemoteMember rm = memberFor(m, issuedTo, now);
        if (rm == null) return true;
        java.util.Map<Long, C> held = slots.apply(rm);
        C current = held.get(id);
        if (current != null && (current.equals(credential)
                || Long.compareUnsigned(timestampOf.applyAsLong(current), timestamp) > 0)) return true;
        if (rm.revocations.revoked(type, id, timestamp)) {
            ctx.drop(DropReason.CREDENTIAL_REJECTED);
            return true;
        }
        Check c = verified(verify.apply(signers()), signer, now);
        if (c != Check.KEEP) return c == Check.REFUSE;
        held.put(id, credential);
        rm.credentialsChanged();
        return true;
    }

    /**
     * A revocation (spec 03 §8.8.4): verified, applied to its target's thresholds; a new one with the
     * fast-propagate flag is re-sent to every member we know except the sender and the signer.
     */
    public boolean offerRevocation(Revocation r, Address from, long now) {
        Membership m = networks.joined(r.networkId().value());
        if (m == null || r.target().equals(ctx.self)) return true;
        Check c = verified(r.verify(signers()), r.signedBy(), now);
        if (c != Check.KEEP) return c == Check.REFUSE;
        RemoteMember rm = m.members.get(r.target());
        if (rm == null) {
            Peer p = ctx.topology.peers.get(r.target());
            rm = new RemoteMember(p == null ? null : p.identity, r.target());
            m.members.put(r.target(), rm);
        }
        RevocationThresholds.Applied applied = rm.revocations.apply(r);
        if (applied.outcome() == RevocationThresholds.Outcome.REJECTED) {
            ctx.drop(DropReason.CREDENTIAL_REJECTED);
            return true;
        }
        if (applied.outcome() != RevocationThresholds.Outcome.ACCEPTED_NEW) return true;
        rm.revocations = applied.thresholds();
        rm.credentialsChanged();
        if (r.fastPropagate()) propagate(m, r, from, now);
        return true;
    }

    private void propagate(Membership m, Revocation r, Address from, long now) {
        byte[] payload = NetworkCredentialsPayload.ofRevocations(List.of(r)).encode();
        for (Address a : List.copyOf(m.members.keySet())) {
            if (a.equals(from) || a.equals(r.signedBy())) continue;
            Peer p = ctx.topology.peers.get(a);
            if (p != null) sender.send(p, Verb.NETWORK_CREDENTIALS, payload, now);
        }
    }

    /**
     * Sends revocations our controller issued to members (spec 04 §10.3); when this node is one of them (a member
     * of its own controller's network) they are applied here, as 1.14's Node::ncSendRevocation does.
     */
    public void sendRevocations(List<Address> to, List<Revocation> revocations, long now) {
        byte[] payload = NetworkCredentialsPayload.ofRevocations(revocations).encode();
        for (Address a : to) {
            if (a.equals(ctx.self)) {
                for (Revocation r : revocations) offerRevocation(r, ctx.self, now);
                continue;
            }
            Peer p = ctx.topology.peers.get(a);
            if (p == null) whois.request(a, new WhoisService.PendingSend(Verb.NETWORK_CREDENTIALS, payload, now), now);
            else sender.send(p, Verb.NETWORK_CREDENTIALS, payload, now);
        }
    }
}
