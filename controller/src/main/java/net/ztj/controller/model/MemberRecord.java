package net.ztj.controller.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A member of a network as the controller stores it and the API returns it (spec 04 §12.2).
 *
 * @param id        as given (the API may preserve the URL's letter case, spec 04 §16.6); compare with
 *                  {@link #key()}
 * @param name      null when absent
 * @param identity  the member's public identity once learned (pinned afterwards), null before
 * @param lastAuthorizedCredentialType null, {@code "api"}, {@code "public"} or {@code "token"}
 */
public record MemberRecord(
        String id, String address, String nwid, boolean authorized, boolean activeBridge, boolean noAutoAssignIps,
        List<String> ipAssignments, List<MemberTag> tags, List<Long> capabilities, String name,
        long authenticationExpiryTime, String remoteTraceTarget, long remoteTraceLevel, boolean ssoExempt,
        long creationTime, long revision, long lastAuthorizedTime, long lastDeauthorizedTime,
        String lastAuthorizedCredentialType, String lastAuthorizedCredential,
        long vMajor, long vMinor, long vRev, long vProto, String identity) {

    public MemberRecord {
        ipAssignments = List.copyOf(ipAssignments);
        tags = List.copyOf(tags);
        capabilities = List.copyOf(capabilities);
    }

    /** A new member with every default filled in and revision 0 (the first save makes it 1). */
    public static MemberRecord newMember(String nwid, String address, long creationTimeMs) {
        ObjectNode o = RecordJson.object();
        o.put("id", address);
        o.put("nwid", nwid);
        o.put("creationTime", creationTimeMs);
        return fromJson(o);
    }

    /** The member's 10-digit address in lowercase: how stores index it. */
    public String key() {
        return address.toLowerCase(Locale.ROOT);
    }

    /** The network ID in lowercase: how stores index it. */
    public String networkKey() {
        return nwid.toLowerCase(Locale.ROOT);
    }

    /**
     * Binds a stored or submitted member document, filling defaults and normalizing as the reference does:
     * IP assignments re-rendered without prefix (non-IP strings dropped), tags kept only as {@code [id, value]}
     * pairs sorted by id (last wins), capabilities sorted and de-duplicated. Unknown keys, and those removed
     * before saving (spec 04 §12.3), are ignored.
     *
     * @throws InvalidFieldException when a field has a type that cannot be converted (e.g. a non-string IP)
     */
    public static MemberRecord fromJson(JsonNode doc) {
        if (doc == null || !doc.isObject()) throw new InvalidFieldException("", "expected a member object");
        String id = Fields.string(doc, "id", "");
        String trace = Fields.nullableString(doc, "remoteTraceTarget");
        return new MemberRecord(id, Fields.string(doc, "address", id), Fields.string(doc, "nwid", ""),
                Fields.bool(doc, "authorized", false), Fields.bool(doc, "activeBridge", false),
                Fields.bool(doc, "noAutoAssignIps", false), ipsFromJson(doc), tagsFromJson(doc),
                capabilitiesFromJson(doc), Fields.nullableString(doc, "name"),
                Fields.integer(doc, "authenticationExpiryTime", 0), trace != null && trace.length() == 10 ? trace : null,
                Fields.integer(doc, "remoteTraceLevel", 0), Fields.bool(doc, "ssoExempt", false),
                Fields.integer(doc, "creationTime", 0), Fields.integer(doc, "revision", 0),
                Fields.integer(doc, "lastAuthorizedTime", 0), Fields.integer(doc, "lastDeauthorizedTime", 0),
                Fields.nullableString(doc, "lastAuthorizedCredentialType"),
                Fields.nullableString(doc, "lastAuthorizedCredential"),
                Fields.integer(doc, "vMajor", -1), Fields.integer(doc, "vMinor", -1), Fields.integer(doc, "vRev", -1),
                Fields.integer(doc, "vProto", -1), Fields.nullableString(doc, "identity"));
    }

    /** The document with sorted keys, exactly as stored and returned by the API. */
    public ObjectNode toJson() {
        ObjectNode o = RecordJson.object();
        o.put("activeBridge", activeBridge);
        o.put("address", address);
        o.put("authenticationExpiryTime", authenticationExpiryTime);
        o.put("authorized", authorized);
        ArrayNode caps = o.putArray("capabilities");
        capabilities.forEach(caps::add);
        o.put("creationTime", creationTime);
        o.put("id", id);
        if (identity != null) o.put("identity", identity);
        ArrayNode ips = o.putArray("ipAssignments");
        ipAssignments.forEach(ips::add);
        putNullable(o, "lastAuthorizedCredential", lastAuthorizedCredential);
        putNullable(o, "lastAuthorizedCredentialType", lastAuthorizedCredentialType);
        o.put("lastAuthorizedTime", lastAuthorizedTime);
        o.put("lastDeauthorizedTime", lastDeauthorizedTime);
        if (name != null) o.put("name", name);
        o.put("noAutoAssignIps", noAutoAssignIps);
        o.put("nwid", nwid);
        o.put("objtype", "member");
        o.put("remoteTraceLevel", remoteTraceLevel);
        putNullable(o, "remoteTraceTarget", remoteTraceTarget);
        o.put("revision", revision);
        o.put("ssoExempt", ssoExempt);
        ArrayNode t = o.putArray("tags");
        tags.forEach(tag -> t.addArray().add(tag.id()).add(tag.value()));
        o.put("vMajor", vMajor);
        o.put("vMinor", vMinor);
        o.put("vProto", vProto);
        o.put("vRev", vRev);
        return o;
    }

    /** Compact sorted JSON text of {@link #toJson()}. */
    public String toJsonText() {
        return RecordJson.write(toJson());
    }

    /** The same member with another revision. */
    public MemberRecord withRevision(long newRevision) {
        return new MemberRecord(id, address, nwid, authorized, activeBridge, noAutoAssignIps, ipAssignments, tags,
                capabilities, name, authenticationExpiryTime, remoteTraceTarget, remoteTraceLevel, ssoExempt,
                creationTime, newRevision, lastAuthorizedTime, lastDeauthorizedTime, lastAuthorizedCredentialType,
                lastAuthorizedCredential, vMajor, vMinor, vRev, vProto, identity);
    }

    /** The same member, authorized or not; used by tests and tools that flip one flag. */
    public MemberRecord withAuthorized(boolean newAuthorized) {
        return new MemberRecord(id, address, nwid, newAuthorized, activeBridge, noAutoAssignIps, ipAssignments, tags,
                capabilities, name, authenticationExpiryTime, remoteTraceTarget, remoteTraceLevel, ssoExempt,
                creationTime, revision, lastAuthorizedTime, lastDeauthorizedTime, lastAuthorizedCredentialType,
                lastAuthorizedCredential, vMajor, vMinor, vRev, vProto, identity);
    }

    /** The same member with other IP assignments (already canonical). */
    public MemberRecord withIpAssignments(List<String> newIps) {
        return new MemberRecord(id, address, nwid, authorized, activeBridge, noAutoAssignIps, newIps, tags,
                capabilities, name, authenticationExpiryTime, remoteTraceTarget, remoteTraceLevel, ssoExempt,
                creationTime, revision, lastAuthorizedTime, lastDeauthorizedTime, lastAuthorizedCredentialType,
                lastAuthorizedCredential, vMajor, vMinor, vRev, vProto, identity);
    }

    private static void putNullable(ObjectNode o, String field, String value) {
        if (value == null) o.putNull(field);
        else o.put(field, value);
    }

    private static List<String> ipsFromJson(JsonNode doc) {
        List<String> out = new ArrayList<>();
        ArrayNode a = Fields.array(doc, "ipAssignments");
        for (int i = 0; i < a.size(); i++) {
            JsonNode e = a.get(i);
            if (!e.isTextual()) throw new InvalidFieldException("ipAssignments[" + i + "]", "expected a string");
            String text = e.textValue();
            int slash = text.indexOf('/');
            String ip = IpText.canonical(slash < 0 ? text : text.substring(0, slash));
            if (ip != null) out.add(ip);
        }
        return out;
    }

    private static List<MemberTag> tagsFromJson(JsonNode doc) {
        Map<Long, MemberTag> byId = new TreeMap<>();
        ArrayNode a = Fields.array(doc, "tags");
        for (int i = 0; i < a.size(); i++) {
            JsonNode e = a.get(i);
            if (!e.isArray() || e.size() != 2) continue;
            String path = "tags[" + i + "]";
            long id = Fields.integer(e.get(0), path + "[0]");
            byId.put(id, new MemberTag(id, Fields.integer(e.get(1), path + "[1]")));
        }
        return new ArrayList<>(byId.values());
    }

    private static List<Long> capabilitiesFromJson(JsonNode doc) {
        TreeSet<Long> ids = new TreeSet<>();
        ArrayNode a = Fields.array(doc, "capabilities");
        for (int i = 0; i < a.size(); i++) ids.add(Fields.integer(a.get(i), "capabilities[" + i + "]"));
        return new ArrayList<>(ids);
    }
}
