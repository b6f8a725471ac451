package net.ztj.controller.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.ztj.controller.model.CapabilityDefinition;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.MemberTag;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.addressing.NetworkId;
import net.ztj.core.network.config.ConfigRequestMetadata;
import net.ztj.core.network.config.IpNetworkPrefix;
import net.ztj.core.network.config.NetworkConfig;
import net.ztj.core.network.config.Route;
import net.ztj.core.network.config.Specialist;
import net.ztj.core.network.config.SsoConfig;
import net.ztj.core.network.credentials.Capability;
import net.ztj.core.network.credentials.CertificateOfMembership;
import net.ztj.core.network.credentials.CertificateOfOwnership;
import net.ztj.core.network.credentials.OwnedThing;
import net.ztj.core.network.credentials.Tag;
import net.ztj.core.network.rules.DefaultRules;
import net.ztj.core.network.rules.Rule;
import net.ztj.core.network.rules.RuleCodec;
import net.ztj.core.network.rules.RuleJson;
import net.ztj.core.wire.ByteWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Builds the configuration a controller issues to an authorized member (spec 04 §4–§7): the network's settings,
 * routes, the member's static IPs, rules, capabilities and tags, and the credentials (certificate of membership,
 * certificate of ownership for its IPs), all signed by the controller and stamped with one timestamp.
 */
public final class ConfigBuilder {
    /** Default credential time max delta: 30 minutes. */
    public static final long DEFAULT_CTMD = 1_800_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The configuration and what the controller must save back into the member record.
     *
     * @param ipAssignments the member's assignments, pool addresses included
     * @param tags          the member's tags with the network's defaults added
     */
    public record Issued(NetworkConfig config, List<String> ipAssignments, List<MemberTag> tags) {}

    private ConfigBuilder() {}

    /**
     * @param members every member of the network (for active bridges and addresses already taken)
     */
    public static Issued build(Identity controller, NetworkRecord net, MemberRecord member, Identity memberIdentity,
                               List<MemberRecord> members, ConfigRequestMetadata metadata, long now,
                               RandomGenerator random) {
        Set<String> taken = new java.util.HashSet<>();
        for (MemberRecord m : members) if (!m.address().equals(member.address())) taken.addAll(m.ipAssignments());
        List<Address> bridges = members.stream().filter(MemberRecord::activeBridge)
                .map(m -> Address.parse(m.address())).toList();
        return build(controller, net, member, memberIdentity, bridges, taken::contains, metadata, now, random);
    }

    /**
     * @param activeBridges     the network's members that are active bridges (any order)
     * @param takenByOtherMember whether an address (text without prefix, as stored) is assigned to another member
     */
    public static Issued build(Identity controller, NetworkRecord net, MemberRecord member, Identity memberIdentity,
                               List<Address> activeBridges, Predicate<String> takenByOtherMember,
                               ConfigRequestMetadata metadata, long now, RandomGenerator random) {
        long nwid = Long.parseUnsignedLong(net.id(), 16);
        NetworkId networkId = new NetworkId(nwid);
        Address address = memberIdentity.address();
        long ctmd = Math.max(300_000, Math.min(7_200_000,
                net.certificateTimeoutWindowSize() == null ? DEFAULT_CTMD : net.certificateTimeoutWindowSize()));

        IpAssignment.Result ips = IpAssignment.assign(net, member, nwid, address, takenByOtherMember, random);
        List<IpNetworkPrefix> staticIps = ips.staticIps().stream().map(IpPrefixes::parse).toList();

        long flags = (net.enableBroadcast() ? NetworkConfig.FLAG_ENABLE_BROADCAST : 0)
                | (ips.ndpEmulation() ? NetworkConfig.FLAG_ENABLE_IPV6_NDP_EMULATION : 0);

        boolean rulesEngine = metadata.rulesEngineRevision() > 0;
        byte[] rules = RuleCodec.encodeList(rulesEngine ? rules(net.rules()) : DefaultRules.ACCEPT_ALL);
        List<MemberTag> tags = withDefaultTags(net, member);
        byte[] caps = rulesEngine ? capabilities(controller, net, member, networkId, address, now) : new byte[0];
        byte[] tagBytes = rulesEngine ? tags(controller, tags, networkId, address, now) : new byte[0];

        List<Specialist> specialists = activeBridges.stream().distinct().sorted()
                .map(a -> Specialist.of(a, Specialist.ACTIVE_BRIDGE)).toList();

        byte[] coo = new byte[0];
        if (!staticIps.isEmpty()) {
            List<OwnedThing> things = staticIps.stream().limit(16).map(p -> OwnedThing.ip(p.ip())).toList();
            coo = CertificateOfOwnership.create(networkId, now, 1, things, address).sign(controller).serialize();
        }
        byte[] com = CertificateOfMembership.issue(networkId, now, ctmd, memberIdentity).sign(controller).serialize();

        Address traceTarget = traceTarget(member.remoteTraceTarget(), net.remoteTraceTarget());
        long traceLevel = member.remoteTraceTarget() != null && member.remoteTraceTarget().length() == 10
                ? member.remoteTraceLevel() : net.remoteTraceLevel();

        NetworkConfig config = new NetworkConfig(nwid, now, ctmd, net.revision(), address, traceTarget, traceLevel,
                flags, net.multicastLimit(), net.isPrivate() ? 0 : 1, truncate(net.name()), net.mtu(), com, caps,
                tagBytes, coo, specialists, routes(net), staticIps, rules, PushedDns.fromJson(net.dns()), SsoConfig.DISABLED);
        return new Issued(config, ips.ipAssignments(), tags);
    }

    private static List<Rule> rules(JsonNode rules) {
        if (rules == null || !rules.isArray()) return List.of();
        List<Rule> parsed = RuleJson.parse(JSON.convertValue(rules, List.class));
        return parsed.size() > RuleCodec.MAX_BASE_RULES ? parsed.subList(0, RuleCodec.MAX_BASE_RULES) : parsed;
    }

    /** Spec 04 §5: the member's tags, plus every network tag default it lacks. */
    private static List<MemberTag> withDefaultTags(NetworkRecord net, MemberRecord member) {
        Map<Long, Long> byId = new TreeMap<>();
        for (MemberTag t : member.tags()) byId.put(t.id() & 0xffffffffL, t.value() & 0xffffffffL);
        for (var t : net.tags()) {
            if (t.defaultValue() != null && !byId.containsKey(t.id() & 0xffffffffL)) {
                byId.put(t.id() & 0xffffffffL, t.defaultValue() & 0xffffffffL);
            }
        }
        List<MemberTag> out = new ArrayList<>();
        byId.forEach((id, v) -> out.add(new MemberTag(id, v)));
        return out;
    }

    private static byte[] tags(Identity controller, List<MemberTag> tags, NetworkId nwid, Address to, long now) {
        ByteWriter w = new ByteWriter(256);
        tags.stream().limit(128).forEach(t -> Tag.create(nwid, now, t.id(), t.value(), to).sign(controller).write(w));
        return w.toByteArray();
    }

    private static byte[] capabilities(Identity controller, NetworkRecord net, MemberRecord member, NetworkId nwid,
                                       Address to, long now) {
        Map<Long, CapabilityDefinition> defs = new TreeMap<>();
        for (CapabilityDefinition c : net.capabilities()) defs.put(c.id() & 0xffffffffL, c);
        ByteWriter w = new ByteWriter(512);
        int n = 0;
        for (Long id : member.capabilities()) {
            CapabilityDefinition def = defs.get(id & 0xffffffffL);
            if (def == null || n++ >= 128) continue;
            List<Rule> rules = rules(def.rules());
            if (rules.size() > RuleCodec.MAX_CAPABILITY_RULES) rules = rules.subList(0, RuleCodec.MAX_CAPABILITY_RULES);
            Capability.create(nwid, now, def.id() & 0xffffffffL, rules.size(), RuleCodec.encodeList(rules), 1)
                    .sign(controller, to).write(w);
        }
        return w.toByteArray();
    }

    private static List<Route> routes(NetworkRecord net) {
        List<Route> out = new ArrayList<>();
        for (var r : net.routes()) {
            IpNetworkPrefix target = IpPrefixes.parse(r.target());
            if (target == null || out.size() >= 128) continue;
            IpNetworkPrefix via = r.via() == null ? null : IpPrefixes.parse(r.via());
            if (via != null && via.ip().length != target.ip().length) via = null;
            out.add(new Route(target, via == null ? null : new IpNetworkPrefix(via.ip(), 0), 0, 0));
        }
        return out;
    }

    private static Address traceTarget(String memberTarget, String networkTarget) {
        String t = memberTarget != null && memberTarget.length() == 10 ? memberTarget
                : networkTarget != null && networkTarget.length() == 10 ? networkTarget : null;
        try {
            return t == null ? new Address(0) : Address.parse(t);
        } catch (IllegalArgumentException e) {
            return new Address(0);
        }
    }

    private static String truncate(String name) {
        byte[] b = (name == null ? "" : name).getBytes(StandardCharsets.UTF_8);
        return b.length <= 127 ? (name == null ? "" : name) : new String(b, 0, 127, StandardCharsets.UTF_8);
    }
}
