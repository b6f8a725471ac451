package net.ztj.service.api.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.model.InvalidFieldException;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.rules.compiler.CompileError;
import net.ztj.controller.rules.compiler.CompileResult;
import net.ztj.controller.rules.compiler.RulesCompiler;
import net.ztj.controller.rules.compiler.RulesDecompiler;
import net.ztj.controller.store.ControllerStore;
import net.ztj.core.identity.Address;
import net.ztj.core.network.rules.RuleJson;
import net.ztj.service.api.ApiCall;
import net.ztj.service.api.ApiResult;
import net.ztj.service.api.RouteTable;
import net.ztj.service.json.JsonText;
import net.ztj.service.node.MemberPresence;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The controller's JSON API (spec 04 §12, §14): networks and members with ZeroTier's field names, defaults and
 * update rules, so the tools self-hosters use (ztncui, ztnet) work unchanged. A body that is not JSON, or a field of
 * the wrong type, is answered 400 with a message and nothing is stored.
 */
public final class ControllerResource {
    /** Made on first use (rules in a request): a daemon's start does not initialise Jackson's databind for it. */
    private static final class Mapper {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final Set<String> NETWORK_WRITABLE = Set.of("name", "private", "enableBroadcast", "multicastLimit",
            "mtu", "v4AssignMode", "v6AssignMode", "routes", "ipAssignmentPools", "rules", "capabilities", "tags",
            "authTokens", "dns", "remoteTraceTarget", "remoteTraceLevel");
    private static final Set<String> MEMBER_WRITABLE = Set.of("authorized", "activeBridge", "noAutoAssignIps",
            "ipAssignments", "tags", "capabilities", "name", "authenticationExpiryTime", "remoteTraceTarget",
            "remoteTraceLevel");

    private final ControllerStore store;
    private final Address self;
    private final LongSupplier clockMs;
    private final RandomGenerator random;
    private final MemberPresence presence;

    public ControllerResource(ControllerStore store, Address self, LongSupplier clockMs, RandomGenerator random) {
        this(store, self, clockMs, random, new MemberPresence());
    }

    /** @param presence what the controller saw of its members' requests, shown in the unstable member listing */
    public ControllerResource(ControllerStore store, Address self, LongSupplier clockMs, RandomGenerator random,
                              MemberPresence presence) {
        this.store = store;
        this.self = self;
        this.clockMs = clockMs;
        this.random = random;
        this.presence = presence;
    }

    public void register(RouteTable routes) {
        routes.on("GET", "/controller", call -> ApiResult.ok(JsonText.object().put("apiVersion", 4)
                .put("clock", clockMs.getAsLong()).put("controller", true).put("databaseReady", true)));
        routes.on("GET", "/controller/network", call -> {
            ArrayNode ids = JsonText.array();
            store.networks().stream().map(NetworkRecord::id).sorted().forEach(ids::add);
            return ApiResult.ok(ids);
        });
        routes.on("GET", "/unstable/controller/network", call -> unstableNetworks());
        routes.on("GET", "/unstable/controller/network/{hex16}/member", this::unstableMembers);
        routes.on("POST,PUT", "/controller/network", this::createRandom);
        routes.on("POST,PUT", "/controller/network/{hex10}______", call ->
                call.param(0).toLowerCase(Locale.ROOT).equals(self.toString()) ? createRandom(call)
                        : ApiResult.of(400, JsonText.object()));
        routes.on("GET", "/controller/network/{hex16}", call -> store.network(nwid(call))
                .map(n -> ApiResult.ok(n.toJson())).orElseGet(() -> ApiResult.noBody(404)));
        routes.on("POST,PUT", "/controller/network/{hex16}", call -> updateNetwork(nwid(call), call));
        routes.on("POST", "/controller/rules/compile", this::compileRules);
        routes.on("POST,PUT", "/controller/network/{hex16}/rules", this::saveRules);
        routes.on("GET", "/controller/network/{hex16}/rules", call -> store.network(nwid(call))
                .map(ControllerResource::editableRules).orElseGet(() -> ApiResult.noBody(404)));
        routes.on("DELETE", "/controller/network/{hex16}", call -> store.deleteNetwork(nwid(call))
                .map(n -> ApiResult.ok(n.toJson())).orElseGet(() -> ApiResult.noBody(404)));
        routes.on("GET", "/controller/network/{hex16}/member", this::memberRevisions);
        routes.on("GET", "/controller/network/{hex16}/member/{hex10}", call ->
                store.member(nwid(call), address(call)).map(m -> ApiResult.ok(m.toJson()))
                        .orElseGet(() -> ApiResult.noBody(404)));
        routes.on("POST,PUT", "/controller/network/{hex16}/member/{hex10}", this::updateMember);
        routes.on("DELETE", "/controller/network/{hex16}/member/{hex10}", call ->
                store.deleteMember(nwid(call), address(call)).map(m -> ApiResult.ok(m.toJson()))
                        .orElseGet(() -> ApiResult.noBody(404)));
    }

    /** Spec 04 §14.2: every network with its member counts. */
    private ApiResult unstableNetworks() {
        ArrayNode data = JsonText.array();
        List<NetworkRecord> all = new java.util.ArrayList<>(store.networks());
        all.sort(java.util.Comparator.comparing(NetworkRecord::id));
        for (NetworkRecord n : all) {
            ObjectNode doc = n.toJson();
            List<MemberRecord> members = store.members(n.id());
            doc.putObject("meta").put("totalMemberCount", members.size())
                    .put("authorizedMemberCount", members.stream().filter(MemberRecord::authorized).count());
            data.add(doc);
        }
        ObjectNode out = JsonText.object();
        out.set("data", data);
        out.putObject("meta").put("networkCount", all.size());
        return ApiResult.ok(out);
    }

    /** Spec 04 §14.2: a network's member objects with counts, and what was seen of each; 404 for an unknown network. */
    private ApiResult unstableMembers(ApiCall call) {
        String id = nwid(call);
        if (store.network(id).isEmpty()) return ApiResult.noBody(404);
        List<MemberRecord> members = new java.util.ArrayList<>(store.members(id));
        members.sort(java.util.Comparator.comparing(MemberRecord::address));
        ArrayNode data = JsonText.array();
        long now = clockMs.getAsLong();
        for (MemberRecord m : members) data.add(withPresence(m.toJson(), id, m.key(), now));
        ObjectNode out = JsonText.object();
        out.set("data", data);
        out.putObject("meta").put("totalCount", members.size())
                .put("authorizedCount", members.stream().filter(MemberRecord::authorized).count());
        return ApiResult.ok(out);
    }

    /**
     * A member object with what the controller saw of it since it started (ours, not ZeroTier's: its 1.14 API has
     * none of this): {@code lastSeen} (ms, 0 if not seen), {@code physicalAddress} (null if not seen) and
     * {@code online} (a request within the last 120 s).
     */
    private ObjectNode withPresence(ObjectNode member, String nwid, String address, long now) {
        Optional<MemberPresence.Seen> seen = presence.lastRequest(nwid, address);
        member.put("lastSeen", seen.map(MemberPresence.Seen::lastRequestMs).orElse(0L));
        Optional<String> physical = seen.flatMap(MemberPresence.Seen::physicalAddress);
        if (physical.isPresent()) member.put("physicalAddress", physical.get());
        else member.putNull("physicalAddress");
        member.put("online", seen.isPresent() && seen.get().online(now));
        return member;
    }

    private static String nwid(ApiCall call) {
        return call.param(0).toLowerCase(Locale.ROOT);
    }

    private static String address(ApiCall call) {
        return call.param(1).toLowerCase(Locale.ROOT);
    }

    /**
     * Spec 04 §9.1: a free id made of our address and 24 random bits. The record is built and validated before
     * anything is written, then stored in one step only if the id is still free: a rejected body leaves no network.
     */
    private ApiResult createRandom(ApiCall call) {
        JsonNode body = body(call);
        if (body == null) return badJson();
        long now = clockMs.getAsLong();
        for (int i = 0; i < 1000; i++) {
            String id = String.format("%016x", (self.value() << 24) | (random.nextInt() & 0xffffffL));
            if (store.network(id).isPresent()) continue;
            NetworkRecord record;
            try {
                record = networkWithChanges(NetworkRecord.newNetwork(id, now), id, body);
            } catch (InvalidFieldException e) {
                return invalidField(e);
            }
            Optional<NetworkRecord> created = store.createNetwork(record);
            if (created.isPresent()) return ApiResult.ok(created.get().toJson());
        }
        return ApiResult.of(503, error(503, "no free network id"));
    }

    /** Creates or updates the network {@code id}; a rejected body changes nothing. */
    private ApiResult updateNetwork(String id, ApiCall call) {
        JsonNode body = body(call);
        if (body == null) return badJson();
        long now = clockMs.getAsLong();
        NetworkRecord record;
        try {
            record = networkWithChanges(store.network(id).orElseGet(() -> NetworkRecord.newNetwork(id, now)), id, body);
        } catch (InvalidFieldException e) {
            return invalidField(e);
        }
        return ApiResult.ok(store.saveNetwork(record).current().toJson());
    }

    /** {@code base} with the writable fields of {@code body} applied (spec 04 §12.1), validated. */
    private static NetworkRecord networkWithChanges(NetworkRecord base, String id, JsonNode body)
            throws InvalidFieldException {
        ObjectNode doc = base.toJson();
        if (body.isObject()) {
            for (String key : NETWORK_WRITABLE) if (body.has(key)) doc.set(key, body.get(key));
            if (body.has("rules")) doc.set("rules", rerender(body.get("rules")));
            if (body.get("capabilities") instanceof ArrayNode caps) {
                for (JsonNode c : caps) if (c instanceof ObjectNode o && o.has("rules")) o.set("rules", rerender(o.get("rules")));
            }
        }
        if (!body.has("remoteTraceLevel")) doc.put("remoteTraceLevel", 0); // ZeroTier's reset quirk (04 §12.1)
        doc.put("id", id).put("nwid", id);
        return NetworkRecord.fromJson(doc);
    }

    /**
     * Compiles {@code {"rulesSource": "..."}} and answers the {@code rules}, {@code capabilities} and {@code tags}
     * it gives, or 400 with the errors at their line and column; stores nothing.
     */
    private ApiResult compileRules(ApiCall call) {
        return withRulesSource(call, (source, compiled) -> {
            ObjectNode out = JsonText.object();
            out.set("rules", compiled.rules());
            out.set("capabilities", compiled.capabilities());
            out.set("tags", compiled.tags());
            return ApiResult.ok(out);
        });
    }

    /**
     * Compiles {@code {"rulesSource": "..."}} and, only if it compiles, stores the source with the rules,
     * capabilities and tags it gives in one save (members get the new config as with any network change); answers
     * the network, 400 with the errors, or 404 for an unknown network.
     */
    private ApiResult saveRules(ApiCall call) {
        String id = nwid(call);
        Optional<NetworkRecord> before = store.network(id);
        if (before.isEmpty()) return ApiResult.noBody(404);
        return withRulesSource(call, (source, compiled) -> {
            ObjectNode changes = JsonText.object();
            changes.set("rules", compiled.rules());
            changes.set("capabilities", compiled.capabilities());
            changes.set("tags", compiled.tags());
            changes.put("remoteTraceLevel", before.get().remoteTraceLevel());
            NetworkRecord record;
            try {
                ObjectNode doc = networkWithChanges(before.get(), id, changes).toJson();
                doc.put("rulesSource", source);
                record = NetworkRecord.fromJson(doc);
            } catch (InvalidFieldException e) {
                return invalidField(e);
            }
            return ApiResult.ok(store.saveNetwork(record).current().toJson());
        });
    }

    /**
     * The rule text to edit for a network: its stored {@code rulesSource} while that still compiles to its rules,
     * capabilities and tags, else those written back as source ({@code "generated": true}) when the language can
     * write them, else the stored source as it is.
     */
    private static ApiResult editableRules(NetworkRecord n) {
        ObjectNode doc = n.toJson();
        RulesDecompiler.Editable e = RulesDecompiler.editable(n.rulesSource(), doc.get("rules"), doc.get("capabilities"),
                doc.get("tags"));
        return ApiResult.ok(JsonText.object().put("rulesSource", e.source()).put("generated", e.generated()));
    }

    /** Runs {@code onCompiled} when the body holds a {@code rulesSource} string that compiles; else a 400. */
    private static ApiResult withRulesSource(ApiCall call,
            BiFunction<String, CompileResult.Compiled, ApiResult> onCompiled) {
        JsonNode body = body(call);
        if (body == null) return rulesError("the request body is not valid JSON", List.of());
        JsonNode source = body.get("rulesSource");
        if (source == null || !source.isTextual()) {
            return rulesError("the request body needs \"rulesSource\": the rule text as a string", List.of());
        }
        return switch (RulesCompiler.compile(source.textValue())) {
            case CompileResult.Compiled compiled -> onCompiled.apply(source.textValue(), compiled);
            case CompileResult.Failed failed -> {
                CompileError first = failed.errors().getFirst();
                int n = failed.errors().size();
                yield rulesError((n == 1 ? "1 error" : n + " errors") + " in the rules, the first at line "
                        + first.line() + ", column " + first.column() + ": " + first.message(), failed.errors());
            }
        };
    }

    private static ApiResult rulesError(String message, List<CompileError> errors) {
        ObjectNode out = JsonText.object().put("error", message);
        ArrayNode list = out.putArray("errors");
        for (CompileError e : errors) {
            list.addObject().put("line", e.line()).put("column", e.column()).put("message", e.message());
        }
        return ApiResult.of(400, out);
    }

    private ApiResult memberRevisions(ApiCall call) {
        String id = nwid(call);
        if (store.network(id).isEmpty()) return ApiResult.noBody(404);
        ObjectNode out = JsonText.object();
        for (MemberRecord m : store.members(id)) if (m.id().length() == 10) out.put(m.id(), m.revision());
        return ApiResult.ok(out);
    }

    private ApiResult updateMember(ApiCall call) {
        String id = nwid(call), addr = address(call);
        if (store.network(id).isEmpty()) return ApiResult.noBody(404);
        JsonNode body = body(call);
        if (body == null) return badJson();
        long now = clockMs.getAsLong();
        MemberRecord before = store.member(id, addr).orElseGet(() -> MemberRecord.newMember(id, addr, now));
        ObjectNode doc = before.toJson();
        if (body.isObject()) {
            for (String key : MEMBER_WRITABLE) if (body.has(key)) doc.set(key, body.get(key));
            JsonNode auth = body.get("authorized");
            if (auth != null && auth.isBoolean() && auth.booleanValue() != before.authorized()) {
                if (auth.booleanValue()) {
                    doc.put("lastAuthorizedTime", now).put("lastAuthorizedCredentialType", "api");
                    doc.putNull("lastAuthorizedCredential");
                } else {
                    doc.put("lastDeauthorizedTime", now);
                }
            }
        }
        if (!body.has("remoteTraceLevel")) doc.put("remoteTraceLevel", 0);
        doc.put("id", addr).put("address", addr).put("nwid", id);
        MemberRecord record;
        try {
            record = MemberRecord.fromJson(doc);
        } catch (InvalidFieldException e) {
            return invalidField(e);
        }
        return ApiResult.ok(store.saveMember(record).current().toJson());
    }

    /** Rules parsed and re-rendered as the controller stores them (04 §13); unparseable rules dropped. */
    private static JsonNode rerender(JsonNode rules) {
        if (!rules.isArray()) return rules;
        List<?> list = Mapper.MAPPER.convertValue(rules, List.class);
        return Mapper.MAPPER.valueToTree(RuleJson.render(RuleJson.parse(list)));
    }

    /** The request body as JSON; an empty body is {}; null when it is not JSON. */
    private static JsonNode body(ApiCall call) {
        String text = call.bodyText();
        if (text == null || text.isBlank()) return JsonText.object();
        try {
            return JsonText.parse(text);
        } catch (JsonText.SyntaxException e) {
            return null;
        }
    }

    private static ApiResult invalidField(InvalidFieldException e) {
        return ApiResult.of(400, error(400, e.getMessage()));
    }

    private static ApiResult badJson() {
        return ApiResult.of(400, error(400, "the request body is not valid JSON"));
    }

    private static ObjectNode error(int code, String description) {
        return JsonText.object().put("error", code).put("description", description);
    }
}
