package net.ztj.core.node.network;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.credentials.Capability;
import net.ztj.core.network.credentials.CertificateOfMembership;
import net.ztj.core.network.credentials.CertificateOfOwnership;
import net.ztj.core.network.credentials.CredentialType;
import net.ztj.core.network.credentials.MembershipCheck;
import net.ztj.core.network.credentials.OwnedThing;
import net.ztj.core.network.credentials.RevocationThresholds;
import net.ztj.core.network.credentials.Tag;
import net.ztj.core.network.rules.AddressOwnership;
import net.ztj.core.network.rules.RemoteParty;
import net.ztj.core.network.rules.Rule;
import net.ztj.core.network.rules.RuleCodec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What we know about one other member of a network we belong to (spec 03 §5, §8.8): the credentials it presented,
 * its revocation thresholds, and the timers of what we sent it. The gate decision is cached until either side's
 * COM or the thresholds change, because the agreement check hashes the peer's identity.
 */
public final class RemoteMember {
    public final Address address;
    /** Null only while a revocation arrived for a member whose identity we have not learned yet. */
    public Identity identity;
    public Optional<CertificateOfMembership> com = Optional.empty();
    public RevocationThresholds revocations = RevocationThresholds.NONE;
    public final Map<Long, Tag> tags = new HashMap<>();
    public final Map<Long, Capability> capabilities = new HashMap<>();
    public final Map<Long, CertificateOfOwnership> certificatesOfOwnership = new HashMap<>();
    /** When we last pushed our credentials to it, and the config timestamp they belonged to. */
    public long lastCredentialsPushMs = Long.MIN_VALUE / 2;
    public long credentialsPushedForConfig = -1;
    /** When we last processed a NETWORK_CREDENTIALS from it (one per second). */
    public long lastCredentialsReceivedMs = Long.MIN_VALUE / 2;
    /** When we last announced all our multicast groups to it. */
    public long lastLikeSentMs = Long.MIN_VALUE / 2;
    private Boolean gateCache; // null: recompute
    private ConfiguredNetwork gateFor;
    private RemoteParty party;
    private ConfiguredNetwork partyFor;
    private List<List<Rule>> capabilityRules;
    private ConfiguredNetwork capabilityRulesFor;

    public RemoteMember(Identity identity, Address address) {
        this.identity = identity;
        this.address = address;
    }

    /** Spec 03 §8.8.1: public networks admit everyone; private ones need an agreeing, unrevoked COM. */
    public boolean passesGate(ConfiguredNetwork net) {
        if (net == null) return false;
        if (net.isPublic()) return true;
        if (identity == null) return false;
        if (gateCache == null || gateFor != net) {
            gateFor = net;
            gateCache = MembershipCheck.gate(net.com, com, identity, revocations).isMember();
        }
        return gateCache;
    }

    public void credentialsChanged() {
        gateCache = null;
        party = null;
        capabilityRules = null;
    }

    /** The member as the inbound rules see it: its valid tags and the addresses its COOs vouch for. */
    public RemoteParty party(ConfiguredNetwork net) {
        if (party == null || partyFor != net) {
            partyFor = net;
            Map<Long, Long> valid = new HashMap<>();
            for (Tag t : tags.values()) {
                if (usable(net, CredentialType.TAG, t.id(), t.timestamp())) valid.put(t.id(), t.value());
            }
            List<CertificateOfOwnership> coos = new ArrayList<>();
            for (CertificateOfOwnership c : certificatesOfOwnership.values()) {
                if (usable(net, CredentialType.COO, c.id(), c.timestamp())) coos.add(c);
            }
            party = new RemoteParty(valid, ownership(coos));
        }
        return party;
    }

    /** The rule lists of its currently valid capabilities, decoded once per change of credentials or config. */
    public List<List<Rule>> capabilityRules(ConfiguredNetwork net) {
        if (capabilityRules == null || capabilityRulesFor != net) {
            capabilityRulesFor = net;
            List<List<Rule>> out = new ArrayList<>();
            for (Capability c : capabilities.values()) {
                if (!usable(net, CredentialType.CAPABILITY, c.id(), c.timestamp())) continue;
                byte[] b = c.rulesBinary();
                out.add(RuleCodec.decodeList(b, 0, b.length, RuleCodec.MAX_CAPABILITY_RULES));
            }
            capabilityRules = List.copyOf(out);
        }
        return capabilityRules;
    }

    private boolean usable(ConfiguredNetwork net, CredentialType type, long id, long timestamp) {
        return MembershipCheck.credentialUsable(type, id, timestamp, net.config.timestamp(),
                net.config.credentialTimeMaxDelta(), revocations);
    }

    public static AddressOwnership ownership(List<CertificateOfOwnership> coos) {
        if (coos.isEmpty()) return AddressOwnership.NONE;
        return new AddressOwnership() {
            @Override
            public boolean ownsIp(byte[] ip) {
                OwnedThing t = OwnedThing.ip(ip);
                for (CertificateOfOwnership c : coos) if (c.owns(t)) return true;
                return false;
            }

            @Override
            public boolean ownsMac(long mac) {
                OwnedThing t = OwnedThing.mac(new net.ztj.core.network.addressing.Mac(mac));
                for (CertificateOfOwnership c : coos) if (c.owns(t)) return true;
                return false;
            }
        };
    }
}
