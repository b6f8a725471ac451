package net.ztj.service.api.resource;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Address;
import net.ztj.core.node.MoonInfo;
import net.ztj.service.api.ApiCall;
import net.ztj.service.api.ApiResult;
import net.ztj.service.api.RouteTable;
import net.ztj.service.home.MoonFiles;
import net.ztj.service.json.JsonText;
import net.ztj.service.json.JsonValues;
import net.ztj.service.node.NodeControl;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code /moon} and {@code /moon/<10 hex>} (spec 05 §5.4, §5.6, §5.7.5): list, show, orbit (POST/PUT with
 * {@code {"seed":"<hex>"}}), deorbit (DELETE, routed on the IPv4 listener only, as in the reference). The id in
 * the path is a world id written as exactly 10 hex digits.
 */
public final class MoonResource {
    private static final long ADDRESS_MASK = 0xffffffffffL;

    /** A root of a moon. */
    record RootJson(String identity, List<String> stableEndpoints) {}

    /** A moon object; signature and signing key are null while waiting for the world. */
    record MoonJson(String id, List<RootJson> roots, String signature, long timestamp, String updatesMustBeSignedBy,
                    boolean waiting) {}

    /** The body of a deorbit. */
    record ResultJson(boolean result) {}

    private final NodeControl node;
    private final MoonFiles files;

    /** @param files moons.d, whose file for a moon is deleted on deorbit */
    public MoonResource(NodeControl node, MoonFiles files) {
        this.node = node;
        this.files = files;
    }

    public void register(RouteTable routes) {
        routes.on("GET", "/moon", call -> ApiResult.ok(JsonText.tree(node.moons().stream().map(MoonResource::json).toList())));
        routes.on("GET", "/moon/{hex10}", call -> ApiResult.ok(find(worldId(call)).map(m -> JsonText.tree(json(m)))
                .orElseGet(JsonText::object)));
        routes.on("POST,PUT", "/moon/{hex10}", this::orbit);
        routes.onIpv4Only("DELETE", "/moon/{hex10}", this::deorbit);
    }

    private ApiResult orbit(ApiCall call) {
        long id = worldId(call);
        Optional<MoonInfo> known = find(id);
        if (known.isPresent()) return ApiResult.ok(JsonText.tree(json(known.get())));
        long seed = seed(call.bodyText());
        if (seed == 0) return ApiResult.ok(JsonText.object());
        node.orbit(id, new Address(seed & ADDRESS_MASK));
        return ApiResult.ok(JsonText.tree(new MoonJson(hex16(id), List.of(), null, 0, null, true)));
    }

    private ApiResult deorbit(ApiCall call) {
        long id = worldId(call);
        node.deorbit(id);
        files.delete(id);
        return ApiResult.ok(JsonText.tree(new ResultJson(true)));
    }

    /** The seed's hex value; 0 when the body is not JSON or has no usable seed (an invalid body is ignored). */
    private static long seed(String body) {
        try {
            JsonNode root = JsonText.parse(body);
            String hex = JsonValues.string(root.get("seed"), "");
            return parseHex(hex);
        } catch (JsonText.SyntaxException e) {
            return 0;
        }
    }

    /** The reference's hexStrToU64: leading hex digits, 0 if none. */
    private static long parseHex(String s) {
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0 || s.charAt(i) > 'f') break;
            v = (v << 4) | d;
        }
        return v;
    }

    private static long worldId(ApiCall call) {
        return Long.parseUnsignedLong(call.param(0), 16);
    }

    private Optional<MoonInfo> find(long id) {
        return node.moons().stream().filter(m -> m.id() == id).findFirst();
    }

    static MoonJson json(MoonInfo m) {
        HexFormat hex = HexFormat.of();
        List<RootJson> roots = m.roots().stream().map(r -> new RootJson(r.identity().toPublicString(),
                r.stableEndpoints().stream().map(Object::toString).toList())).toList();
        return new MoonJson(hex16(m.id()), roots, m.signature() == null ? null : hex.formatHex(m.signature()),
                m.timestamp(), m.updatesMustBeSignedBy() == null ? null : hex.formatHex(m.updatesMustBeSignedBy()),
                m.waiting());
    }

    private static String hex16(long id) {
        return String.format("%016x", id);
    }
}
