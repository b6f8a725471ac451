package net.ztj.controller.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.MemberTag;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.ChangeListener;
import net.ztj.controller.store.ControllerStore;
import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.config.ConfigRequestMetadata;
import net.ztj.core.network.config.NetworkConfig;
import net.ztj.core.network.dictionary.Dictionary;
import net.ztj.core.node.LocalController;
import net.ztj.core.wire.ErrorCode;
import net.ztj.core.wire.MalformedException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The controller's answer to a configuration request (spec 04 §2–§3, §8): rate limit, member auto-creation with its
 * identity pinned, authorization (by the member record, public network or token), then the configuration of
 * {@link ConfigBuilder}, saving the member (identity, versions, new IP assignments, default tags) either way.
 *
 * <p>Threads: {@link #admit} (the rate limit) runs on the node's thread as requests arrive; {@link #request} and
 * {@link #pendingPushes}, which use the store, run on one other thread (the controller's), never two at once.
 */
public final class EmbeddedController implements LocalController {
    /** A request within this many ms of the previous accepted one from the same member is ignored. */
    public static final long REQUEST_RATE_LIMIT_MS = 1000;

    private final Identity self;
    private final ControllerStore store;
    private final RandomGenerator random;
    private final Map<String, Long> lastRequest = new HashMap<>();
    private final MemberPushes pushes = new MemberPushes();
    private final boolean dnsServersFromSelf;
    /** With DNS servers filled from this node: a change of its own addresses changes every member's configuration. */
    private final ChangeListener ownAddresses = new ChangeListener() {
        @Override
        public void memberChanged(MemberRecord before, MemberRecord after) {
            MemberRecord any = after != null ? after : before;
            if (!any.key().equals(self.address().toString())) return;
            boolean same = before != null && after != null && before.authorized() == after.authorized()
                    && before.noAutoAssignIps() == after.noAutoAssignIps()
                    && before.ipAssignments().equals(after.ipAssignments());
            if (!same) pushes.networkTouched(any.networkKey());
        }
    };

    public EmbeddedController(Identity self, ControllerStore store, RandomGenerator random) {
        this(self, store, random, false);
    }

    /**
     * @param dnsServersFromSelf whether a network with a DNS domain and no DNS servers gets this node's own managed
     *                           addresses in it as servers (see {@link PushedDns#withOwnServers})
     */
    public EmbeddedController(Identity self, ControllerStore store, RandomGenerator random, boolean dnsServersFromSelf) {
        if (!self.hasPrivate()) throw new IllegalArgumentException("the controller signs with the node's secret identity");
        this.self = self;
        this.store = store;
        this.random = random;
        this.dnsServersFromSelf = dnsServersFromSelf;
        store.addListener(pushes);
        if (dnsServersFromSelf) store.addListener(ownAddresses);
    }

    /** Spec 04 §2.1: a genuine request within 1000 ms of the member's previous accepted one is ignored. */
    @Override
    public boolean admit(Identity requester, long networkId, long packetId, long arrivalMs) {
        if ((networkId >>> 24) != self.address().value()) return false;
        if (packetId == 0) return true;
        String key = String.format("%016x", networkId) + requester.address();
        Long last = lastRequest.get(key);
        if (last != null && arrivalMs - last <= REQUEST_RATE_LIMIT_MS) return false;
        lastRequest.put(key, arrivalMs);
        return true;
    }

    @Override
    public Answer request(Identity requester, long networkId, byte[] metadata, long packetId, long nowMs) {
        if ((networkId >>> 24) != self.address().value()) return new Ignore();
        String nwid = String.format("%016x", networkId);
        String address = requester.address().toString();
        Optional<NetworkRecord> found = store.network(nwid);
        if (found.isEmpty()) return new Error(ErrorCode.OBJ_NOT_FOUND, null);
        NetworkRecord net = found.get();
        Optional<MemberRecord> stored = store.member(nwid, address);
        MemberRecord member = stored.orElseGet(() -> MemberRecord.newMember(nwid, address, nowMs));
        ObjectNode doc = member.toJson();
        if (member.identity() != null) {
            if (!sameIdentity(member.identity(), requester)) return new Error(ErrorCode.NETWORK_ACCESS_DENIED, null);
        } else {
            doc.put("identity", requester.toPublicString());
        }
        ConfigRequestMetadata md = metadata(metadata);
        if (stored.isEmpty() && md.rulesEngineRevision() > 0) addDefaultCapabilities(net, doc);

        String credentialType = null;
        boolean authorized = member.authorized();
        if (!authorized && !net.isPrivate()) {
            authorized = true;
            credentialType = "public";
        } else if (!authorized && tokenValid(net, md, nowMs)) {
            authorized = true;
            credentialType = "token";
            doc.put("lastAuthorizedCredential", md.authToken().substring(6));
        }
        if (credentialType != null) {
            doc.put("authorized", true).put("lastAuthorizedTime", nowMs).put("lastAuthorizedCredentialType", credentialType);
        }
        if (!authorized) {
            store.saveMember(MemberRecord.fromJson(doc));
            return new Error(ErrorCode.NETWORK_ACCESS_DENIED, null);
        }
        if (packetId != 0) {
            doc.put("vMajor", md.majorVersion()).put("vMinor", md.minorVersion()).put("vRev", md.revision())
                    .put("vProto", md.protocolVersion());
        }
        MemberRecord current = MemberRecord.fromJson(doc);
        // the request leaves activeBridge as stored, so the stored flags are those of the members including this one
        List<Address> bridges = store.activeBridges(nwid).stream().map(Address::parse).toList();
        ConfigBuilder.Issued issued = ConfigBuilder.build(self, net, current, requester.publicOnly(), bridges,
                ip -> store.ipAssignedToOther(nwid, ip, address), md, nowMs, random);
        ArrayNode ips = doc.putArray("ipAssignments");
        issued.ipAssignments().forEach(ips::add);
        ArrayNode tags = doc.putArray("tags");
        for (MemberTag t : issued.tags()) tags.addArray().add(t.id()).add(t.value());
        store.saveMember(MemberRecord.fromJson(doc));
        if (packetId != 0) pushes.issued(networkId, requester.publicOnly(), metadata, nowMs);
        NetworkConfig config = issued.config();
        if (dnsServersFromSelf) {
            MemberRecord own = self.address().equals(requester.address()) ? MemberRecord.fromJson(doc)
                    : store.member(nwid, self.address().toString()).orElse(null);
            config = config.withDns(PushedDns.withOwnServers(config.dns(), net, own, networkId));
        }
        return new Config(config.toDictionary().toBytes());
    }

    /** Spec 04 §10: re-issues changed configurations to online members and revokes deauthorized ones. */
    @Override
    public List<Push> pendingPushes(long nowMs) {
        pushes.forgetExpired(nowMs);
        return pushes.drain(nowMs, (networkId, member, out) -> {
            if (request(member.identity(), networkId, member.metadata(), 0, nowMs) instanceof Config c) {
                out.add(new ConfigPush(member.identity(), networkId, c.dictionary()));
            }
        }, random, r -> r.sign(self));
    }

    /** Stops listening to the store. */
    public void detach() {
        store.removeListener(pushes);
        store.removeListener(ownAddresses);
    }

    /** Spec 04 §5: a new member gets every capability marked {@code default: true} it does not have yet. */
    private static void addDefaultCapabilities(NetworkRecord net, ObjectNode doc) {
        ArrayNode caps = doc.get("capabilities") instanceof ArrayNode a ? a : doc.putArray("capabilities");
        for (net.ztj.controller.model.CapabilityDefinition c : net.capabilities()) {
            if (!c.isDefault()) continue;
            long id = c.id() & 0xffffffffL;
            boolean has = false;
            for (JsonNode e : caps) if ((e.asLong() & 0xffffffffL) == id) has = true;
            if (!has) caps.add(id);
        }
    }

    private static boolean sameIdentity(String pinned, Identity requester) {
        try {
            return Identity.fromString(pinned).equals(requester);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spec 04 §3.6: metadata {@code a=token:<t>} with a network authTokens entry that is 0 or in the future. */
    private static boolean tokenValid(NetworkRecord net, ConfigRequestMetadata md, long now) {
        String a = md.authToken();
        if (a == null || !a.startsWith("token:") || a.length() <= 6) return false;
        JsonNode tokens = net.authTokens();
        if (tokens == null || !tokens.isObject()) return false;
        JsonNode expiry = tokens.get(a.substring(6));
        return expiry != null && expiry.isNumber() && (expiry.asLong() == 0 || expiry.asLong() > now);
    }

    private static ConfigRequestMetadata metadata(byte[] bytes) {
        try {
            return ConfigRequestMetadata.fromDictionary(Dictionary.parse(bytes, 1024));
        } catch (MalformedException | IllegalArgumentException e) {
            return ConfigRequestMetadata.fromDictionary(new Dictionary(1024));
        }
    }
}
