package net.ztj.controller.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A network as the controller stores it and the API returns it (spec 04 §12.1), with ZeroTier's field names.
 * Rules stay JSON trees (spec 04 §13) because their codec lives elsewhere; {@code authTokens} and {@code dns}
 * stay trees because the reference stores quirky defaults there ({@code [null]} and {@code []}).
 *
 * @param id                  16 lowercase hex digits
 * @param v6AssignMode        only the keys present in the document ({@code rfc4193}, {@code zt}, {@code 6plane})
 * @param certificateTimeoutWindowSize ms, or null when absent
 */
public record NetworkRecord(
        String id, String nwid, String name, boolean isPrivate, long creationTime, long revision,
        long multicastLimit, boolean enableBroadcast, int mtu, boolean v4AssignZt,
        SortedMap<String, Boolean> v6AssignMode, List<Route> routes, List<IpAssignmentPool> ipAssignmentPools,
        ArrayNode rules, String rulesSource, List<CapabilityDefinition> capabilities, List<TagDefinition> tags,
        JsonNode authTokens, JsonNode dns, String remoteTraceTarget, long remoteTraceLevel, boolean ssoEnabled,
        String clientId, String authorizationEndpoint, Long certificateTimeoutWindowSize) {

    public static final int MTU_MIN = 1280;
    public static final int MTU_MAX = 10000;
    public static final int MTU_DEFAULT = 2800;
    public static final long MULTICAST_LIMIT_DEFAULT = 32;

    public NetworkRecord {
        v6AssignMode = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(v6AssignMode));
        routes = List.copyOf(routes);
        ipAssignmentPools = List.copyOf(ipAssignmentPools);
        capabilities = List.copyOf(capabilities);
        tags = List.copyOf(tags);
        rules = rules.deepCopy();
        authTokens = authTokens.deepCopy();
        dns = dns.deepCopy();
    }

    /** A new network with every default filled in and revision 0 (the first save makes it 1). */
    public static NetworkRecord newNetwork(String nwid, long creationTimeMs) {
        ObjectNode o = RecordJson.object();
        o.put("id", nwid);
        o.put("creationTime", creationTimeMs);
        return fromJson(o);
    }

    /** The default rule set: accept everything. */
    public static ArrayNode defaultRules() {
        ArrayNode rules = RecordJson.array();
        rules.addObject().put("not", false).put("or", false).put("type", "ACTION_ACCEPT");
        return rules;
    }

    /**
     * Binds a stored or submitted network document, filling defaults for missing fields and normalizing as the
     * reference does: legacy string assign modes, invalid routes and pools dropped, MTU clamped, capabilities and
     * tags sorted by id and de-duplicated (last wins), a {@code remoteTraceTarget} not of 10 characters nulled.
     * Keys the record does not know (including those removed before saving, spec 04 §12.3) are ignored.
     *
     * @throws InvalidFieldException when a field has a type that cannot be converted
     */
    public static NetworkRecord fromJson(JsonNode doc) {
        if (doc == null || !doc.isObject()) throw new InvalidFieldException("", "expected a network object");
        String id = Fields.string(doc, "id", "").toLowerCase(java.util.Locale.ROOT);
        String nwid = Fields.string(doc, "nwid", id).toLowerCase(java.util.Locale.ROOT);
        long mtu = Fields.integer(doc, "mtu", MTU_DEFAULT);
        String trace = Fields.nullableString(doc, "remoteTraceTarget");
        JsonNode cw = doc.get("certificateTimeoutWindowSize");
        return new NetworkRecord(id, nwid, Fields.string(doc, "name", ""), Fields.bool(doc, "private", true),
                Fields.integer(doc, "creationTime", 0), Fields.integer(doc, "revision", 0),
                Fields.integer(doc, "multicastLimit", MULTICAST_LIMIT_DEFAULT), Fields.bool(doc, "enableBroadcast", true),
                (int) Math.max(MTU_MIN, Math.min(MTU_MAX, mtu)), v4FromJson(doc.get("v4AssignMode")),
                v6FromJson(doc.get("v6AssignMode")), routesFromJson(doc), poolsFromJson(doc),
                rulesFromJson(doc, "rules", "rules", defaultRules()), Fields.string(doc, "rulesSource", ""),
                capabilitiesFromJson(doc), tagsFromJson(doc), authTokensFromJson(doc.get("authTokens")),
                dnsFromJson(doc.get("dns")), trace != null && trace.length() == 10 ? trace : null,
                Fields.integer(doc, "remoteTraceLevel", 0), Fields.bool(doc, "ssoEnabled", false),
                Fields.string(doc, "clientId", ""), Fields.string(doc, "authorizationEndpoint", ""),
                cw == null || cw.isNull() ? null : Fields.integer(cw, "certificateTimeoutWindowSize"));
    }

    /** The document with sorted keys, exactly as stored and returned by the API. */
    public ObjectNode toJson() {
        ObjectNode o = RecordJson.object();
        o.set("authTokens", authTokens.deepCopy());
        o.put("authorizationEndpoint", authorizationEndpoint);
        ArrayNode caps = o.putArray("capabilities");
        capabilities.forEach(c -> caps.add(c.toJson()));
        if (certificateTimeoutWindowSize != null) o.put("certificateTimeoutWindowSize", certificateTimeoutWindowSize);
        o.put("clientId", clientId);
        o.put("creationTime", creationTime);
        o.set("dns", dns.deepCopy());
        o.put("enableBroadcast", enableBroadcast);
        o.put("id", id);
        ArrayNode pools = o.putArray("ipAssignmentPools");
        ipAssignmentPools.forEach(p -> pools.add(p.toJson()));
        o.put("mtu", mtu);
        o.put("multicastLimit", multicastLimit);
        o.put("name", name);
        o.put("nwid", nwid);
        o.put("objtype", "network");
        o.put("private", isPrivate);
        o.put("remoteTraceLevel", remoteTraceLevel);
        if (remoteTraceTarget == null) o.putNull("remoteTraceTarget");
        else o.put("remoteTraceTarget", remoteTraceTarget);
        o.put("revision", revision);
        ArrayNode r = o.putArray("routes");
        routes.forEach(x -> r.add(x.toJson()));
        o.set("rules", RecordJson.sorted(rules));
        o.put("rulesSource", rulesSource);
        o.put("ssoEnabled", ssoEnabled);
        ArrayNode t = o.putArray("tags");
        tags.forEach(x -> t.add(x.toJson()));
        o.putObject("v4AssignMode").put("zt", v4AssignZt);
        ObjectNode v6 = o.putObject("v6AssignMode");
        v6AssignMode.forEach(v6::put);
        return o;
    }

    /** Compact sorted JSON text of {@link #toJson()}. */
    public String toJsonText() {
        return RecordJson.write(toJson());
    }

    /** The same network with another revision. */
    public NetworkRecord withRevision(long newRevision) {
        return new NetworkRecord(id, nwid, name, isPrivate, creationTime, newRevision, multicastLimit,
                enableBroadcast, mtu, v4AssignZt, v6AssignMode, routes, ipAssignmentPools, rules, rulesSource,
                capabilities, tags, authTokens, dns, remoteTraceTarget, remoteTraceLevel, ssoEnabled, clientId,
                authorizationEndpoint, certificateTimeoutWindowSize);
    }

    /** True when authTokens is an object of tokens (the {@code [null]} default means none). */
    public boolean hasAuthTokens() {
        return authTokens.isObject();
    }

    private static boolean v4FromJson(JsonNode v) {
        if (v == null) return false;
        if (v.isTextual()) return v.textValue().equals("zt");
        if (v.isObject()) return Fields.bool(v, "zt", false);
        return false;
    }

    private static SortedMap<String, Boolean> v6FromJson(JsonNode v) {
        SortedMap<String, Boolean> mode = new TreeMap<>();
        if (v != null && v.isObject()) {
            for (String key : List.of("6plane", "rfc4193", "zt")) {
                if (v.has(key)) mode.put(key, Fields.bool(v, key, false));
            }
            return mode;
        }
        List<String> on = v != null && v.isTextual() ? List.of(v.textValue().split(",")) : List.of();
        for (String key : List.of("6plane", "rfc4193", "zt")) mode.put(key, on.contains(key));
        return mode;
    }

    private static List<Route> routesFromJson(JsonNode doc) {
        List<Route> out = new ArrayList<>();
        for (JsonNode element : Fields.array(doc, "routes")) {
            Route r = Route.fromJson(element);
            if (r != null) out.add(r);
        }
        return out;
    }

    private static List<IpAssignmentPool> poolsFromJson(JsonNode doc) {
        List<IpAssignmentPool> out = new ArrayList<>();
        for (JsonNode element : Fields.array(doc, "ipAssignmentPools")) {
            IpAssignmentPool p = IpAssignmentPool.fromJson(element);
            if (p != null) out.add(p);
        }
        return out;
    }

    /** The rule array at {@code field} (each element an object), or {@code dflt} when missing or null. */
    static ArrayNode rulesFromJson(JsonNode doc, String field, String path, ArrayNode dflt) {
        JsonNode v = doc.get(field);
        if (v == null || v.isNull()) return dflt;
        if (!v.isArray()) throw new InvalidFieldException(path, "expected an array of rules");
        for (int i = 0; i < v.size(); i++) Fields.requireObject(v.get(i), path + "[" + i + "]");
        return (ArrayNode) v;
    }

    private static List<CapabilityDefinition> capabilitiesFromJson(JsonNode doc) {
        Map<Long, CapabilityDefinition> byId = new TreeMap<>();
        ArrayNode a = Fields.array(doc, "capabilities");
        for (int i = 0; i < a.size(); i++) {
            CapabilityDefinition c = CapabilityDefinition.fromJson(a.get(i), "capabilities[" + i + "]");
            byId.put(c.id(), c);
        }
        return new ArrayList<>(byId.values());
    }

    private static List<TagDefinition> tagsFromJson(JsonNode doc) {
        Map<Long, TagDefinition> byId = new TreeMap<>();
        ArrayNode a = Fields.array(doc, "tags");
        for (int i = 0; i < a.size(); i++) {
            TagDefinition t = TagDefinition.fromJson(a.get(i), "tags[" + i + "]");
            byId.put(t.id(), t);
        }
        return new ArrayList<>(byId.values());
    }

    private static JsonNode authTokensFromJson(JsonNode v) {
        if (v != null && v.isObject()) {
            ObjectNode tokens = RecordJson.object();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (e.getValue().isIntegralNumber() && e.getValue().longValue() >= 0) {
                    tokens.put(e.getKey(), e.getValue().longValue());
                }
            }
            return tokens;
        }
        ArrayNode quirk = RecordJson.array();
        quirk.addNull();
        return quirk;
    }

    private static JsonNode dnsFromJson(JsonNode v) {
        if (v != null && v.isObject()) {
            ObjectNode dns = RecordJson.object();
            dns.set("domain", v.has("domain") ? v.get("domain") : com.fasterxml.jackson.databind.node.NullNode.instance);
            dns.set("servers", v.has("servers") ? v.get("servers") : RecordJson.array());
            return dns;
        }
        return RecordJson.array();
    }
}
