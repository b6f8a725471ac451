package net.ztj.core.node.network;

import net.ztj.core.identity.Address;
import net.ztj.core.network.addressing.Mac;
import net.ztj.core.network.addressing.NetworkId;
import net.ztj.core.network.addressing.NetworkMac;
import net.ztj.core.network.config.IpNetworkPrefix;
import net.ztj.core.network.config.NetworkConfig;
import net.ztj.core.network.config.Specialist;
import net.ztj.core.network.credentials.Capability;
import net.ztj.core.network.credentials.CertificateOfMembership;
import net.ztj.core.network.credentials.CertificateOfOwnership;
import net.ztj.core.network.credentials.Tag;
import net.ztj.core.network.rules.Rule;
import net.ztj.core.network.rules.RuleCodec;
import net.ztj.core.network.rules.RuleNetwork;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.MalformedException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the data path needs of one applied configuration, parsed once when it arrives (spec 03 §7.3): our MAC, the
 * base rules (and whether they are the lone accept rule, the fast path), our own credentials, the specialists by
 * role, and the flags that steer multicast, NDP emulation and compression. Immutable, but for the frame counts it
 * shares with its membership.
 */
public final class ConfiguredNetwork {
    public final NetworkConfig config;
    public final NetworkId networkId;
    public final long mac;
    public final int macFirstOctet;
    public final List<Rule> baseRules;
    /** The base rules are exactly {@code ACTION_ACCEPT}: every frame passes without evaluation. */
    public final boolean acceptAll;
    public final RuleNetwork ruleNetwork;
    public final Optional<CertificateOfMembership> com;
    /** Our capabilities in ascending ID order, with their decoded rules. */
    public final List<Capability> capabilities;
    public final List<List<Rule>> capabilityRules;
    public final List<Tag> tags;
    public final List<CertificateOfOwnership> certificatesOfOwnership;
    /** What our own COOs vouch for, as the outbound rules ask it. */
    public final net.ztj.core.network.rules.AddressOwnership ownership;
    public final Set<Address> activeBridges;
    public final List<Address> anchors;
    public final List<Address> replicators;
    public final boolean weAreBridge;
    public final boolean weAreReplicator;
    /** The network's frame counts, which outlive this configuration. */
    public final FrameCounts frames;

    public ConfiguredNetwork(NetworkConfig c, Address self) {
        this(c, self, new FrameCounts());
    }

    public ConfiguredNetwork(NetworkConfig c, Address self, FrameCounts frames) {
        this.frames = frames;
        this.config = c;
        this.networkId = new NetworkId(c.networkId());
        this.mac = NetworkMac.of(self, networkId).value();
        this.macFirstOctet = NetworkMac.firstOctet(networkId);
        byte[] rules = c.rules();
        this.baseRules = rules.length == 0 ? List.of() : RuleCodec.decodeList(rules, 0, rules.length, RuleCodec.MAX_BASE_RULES);
        this.acceptAll = baseRules.size() == 1 && baseRules.get(0) instanceof Rule.Accept;
        this.com = c.com().length == 0 ? Optional.empty() : Optional.of(CertificateOfMembership.parse(c.com()));
        List<Capability> caps = readAll(c.capabilities(), Capability::read);
        caps.sort(Comparator.comparingLong(Capability::id));
        this.capabilities = List.copyOf(caps);
        List<List<Rule>> capRules = new ArrayList<>();
        for (Capability cap : caps) {
            byte[] b = cap.rulesBinary();
            capRules.add(RuleCodec.decodeList(b, 0, b.length, RuleCodec.MAX_CAPABILITY_RULES));
        }
        this.capabilityRules = List.copyOf(capRules);
        this.tags = List.copyOf(readAll(c.tags(), Tag::read));
        this.certificatesOfOwnership = List.copyOf(readAll(c.certificatesOfOwnership(), CertificateOfOwnership::read));
        this.ownership = RemoteMember.ownership(certificatesOfOwnership);
        Map<Long, Long> ourTags = new LinkedHashMap<>();
        for (Tag t : tags) ourTags.put(t.id(), t.value());
        this.ruleNetwork = new RuleNetwork(c.networkId(), self.value(), c.flags(), baseRules, ourTags);
        Set<Address> bridges = new HashSet<>();
        List<Address> anchorList = new ArrayList<>(), replicatorList = new ArrayList<>();
        for (Specialist s : c.specialists()) {
            if (s.is(Specialist.ACTIVE_BRIDGE)) bridges.add(s.address());
            if (s.is(Specialist.ANCHOR)) anchorList.add(s.address());
            if (s.is(Specialist.MULTICAST_REPLICATOR)) replicatorList.add(s.address());
        }
        this.activeBridges = Set.copyOf(bridges);
        this.anchors = List.copyOf(anchorList);
        this.replicators = List.copyOf(replicatorList);
        this.weAreBridge = bridges.contains(self);
        this.weAreReplicator = replicatorList.contains(self);
    }

    private interface Reader<T> {
        T read(ByteReader r);
    }

    private static <T> List<T> readAll(byte[] b, Reader<T> reader) {
        List<T> out = new ArrayList<>();
        ByteReader r = new ByteReader(b);
        while (r.hasRemaining()) out.add(reader.read(r));
        return out;
    }

    public long networkIdValue() {
        return config.networkId();
    }

    public boolean isPublic() {
        return config.type() == 1;
    }

    public long multicastLimit() {
        return config.multicastLimit();
    }

    public boolean broadcastEnabled() {
        return config.hasFlag(NetworkConfig.FLAG_ENABLE_BROADCAST);
    }

    public boolean ndpEmulation() {
        return config.hasFlag(NetworkConfig.FLAG_ENABLE_IPV6_NDP_EMULATION);
    }

    public boolean compressionDisabled() {
        return config.hasFlag(NetworkConfig.FLAG_DISABLE_COMPRESSION);
    }

    public int mtu() {
        return config.mtu();
    }

    public List<IpNetworkPrefix> staticIps() {
        return config.staticIps();
    }

    public boolean isBridge(Address a) {
        return activeBridges.contains(a);
    }

    /** Whether a MAC is one of this network's node MACs (first octet test, spec 03 §2.3). */
    public boolean isNodeMac(long m) {
        return (int) (m >>> 40) == macFirstOctet;
    }

    /** The node a network MAC belongs to (spec 03 §2.3). */
    public Address addressOf(long m) {
        return NetworkMac.addressOf(new Mac(m), networkId);
    }

    /** The MAC of a node on this network. */
    public long macOf(Address a) {
        return NetworkMac.of(a, networkId).value();
    }

    public static ConfiguredNetwork parse(NetworkConfig c, Address self) {
        return parse(c, self, new FrameCounts());
    }

    /** Parses a configuration whose frames are counted in {@code frames}. */
    public static ConfiguredNetwork parse(NetworkConfig c, Address self, FrameCounts frames) {
        try {
            return new ConfiguredNetwork(c, self, frames);
        } catch (IllegalArgumentException e) {
            throw new MalformedException("bad credentials or rules in configuration: " + e.getMessage());
        }
    }
}
