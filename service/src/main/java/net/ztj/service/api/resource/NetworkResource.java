package net.ztj.service.api.resource;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.node.NetworkInfo;
import net.ztj.service.api.ApiCall;
import net.ztj.service.api.ApiResult;
import net.ztj.service.api.RouteTable;
import net.ztj.service.home.NetworkFiles;
import net.ztj.service.json.JsonText;
import net.ztj.service.network.NetworkSettings;
import net.ztj.service.node.NodeControl;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * {@code /network} and {@code /network/<16 hex>} (spec 05 §5.4, §5.6, §5.7.3): list, show (404 {@code {}} when not
 * joined), join and/or change the local settings (POST/PUT), leave (DELETE).
 */
public final class NetworkResource {
    /** A managed route. */
    record RouteJson(int flags, int metric, String target, String via) {}

    /** A multicast group the network's port subscribes to: its MAC as {@code xx:xx:..} and its 32-bit ADI. */
    record MulticastJson(long adi, String mac) {}

    /** DNS settings. */
    record DnsJson(String domain, List<String> servers) {}

    /** The network object of §5.7.3. */
    record NetworkJson(boolean allowDNS, boolean allowDefault, boolean allowGlobal, boolean allowManaged,
                       List<String> assignedAddresses, boolean bridge, boolean broadcastEnabled, boolean dhcp,
                       DnsJson dns, String id, String mac, int mtu, List<MulticastJson> multicastSubscriptions, String name,
                       long netconfRevision, String nwid, String portDeviceName, int portError,
                       List<RouteJson> routes, String status, String type) {}

    /** The body of a leave. */
    record ResultJson(boolean result) {}

    private final NodeControl node;
    private final NetworkFiles files;
    private final LongFunction<String> portNames;

    /** @param portNames the name of a network's interface: the port's actual name, or the one it is meant to get */
    public NetworkResource(NodeControl node, NetworkFiles files, LongFunction<String> portNames) {
        this.node = node;
        this.files = files;
        this.portNames = portNames;
    }

    public void register(RouteTable routes) {
        routes.on("GET", "/network", call -> ApiResult.ok(JsonText.tree(node.networks().stream().map(this::json).toList())));
        routes.on("GET", "/network/{hex16}", call -> node.network(networkId(call))
                .map(n -> ApiResult.ok(JsonText.tree(json(n))))
                .orElseGet(() -> ApiResult.of(404, JsonText.object())));
        routes.on("POST,PUT", "/network/{hex16}", this::joinOrUpdate);
        routes.on("DELETE", "/network/{hex16}", this::leave);
    }

    private ApiResult joinOrUpdate(ApiCall call) {
        long id = networkId(call);
        try {
            files.markJoined(id);
            node.join(id, files.readConfig(id));
            NetworkSettings s = files.settings(id);
            JsonNode body = parseOrNull(call.bodyText());
            if (body != null && body.isObject()) {
                s = s.with(flag(body, "allowManaged"), flag(body, "allowGlobal"), flag(body, "allowDefault"),
                        flag(body, "allowDNS"));
            }
            files.writeSettings(id, s);
        } catch (IOException e) {
            return ApiResult.of(500, JsonText.tree(new ErrorJson(500, "cannot write networks.d: " + e.getMessage())));
        }
        return node.network(id).map(n -> ApiResult.ok(JsonText.tree(json(n)))).orElseGet(() -> ApiResult.ok(JsonText.object()));
    }

    /** The error body the reference sends on an exception. */
    record ErrorJson(int error, String description) {}

    private ApiResult leave(ApiCall call) {
        long id = networkId(call);
        if (!node.leave(id)) return ApiResult.ok(JsonText.object());
        files.remove(id);
        return ApiResult.ok(JsonText.tree(new ResultJson(true)));
    }

    private static Optional<Boolean> flag(JsonNode body, String key) {
        JsonNode v = body.get(key);
        return v != null && v.isBoolean() ? Optional.of(v.booleanValue()) : Optional.empty();
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return text == null || text.isBlank() ? null : JsonText.parse(text);
        } catch (JsonText.SyntaxException e) {
            return null; // an unparsable body is ignored, as the reference does
        }
    }

    private static long networkId(ApiCall call) {
        return Long.parseUnsignedLong(call.param(0), 16);
    }

    NetworkJson json(NetworkInfo n) {
        NetworkSettings s = files.settings(n.networkId());
        String id = String.format("%016x", n.networkId());
        List<RouteJson> routes = n.routes().stream()
                .map(r -> new RouteJson(r.flags(), r.metric(), r.target(), r.via())).toList();
        return new NetworkJson(s.allowDns(), s.allowDefault(), s.allowGlobal(), s.allowManaged(), n.assignedAddresses(),
                n.bridge(), n.broadcastEnabled(), false, new DnsJson(n.dns().domain(), n.dns().servers()), id,
                mac(n.mac()), n.mtu(), multicast(n), n.name(), n.revision(), id, portNames.apply(n.networkId()),
                0, routes, n.status().name(), n.isPrivate() ? "PRIVATE" : "PUBLIC");
    }

    /**
     * The groups as the port's last scan reported them, in ZeroTier One's order (MAC, then ADI). The reference shows
     * a copy taken at the network's last configuration update; these are the groups subscribed now.
     */
    private static List<MulticastJson> multicast(NetworkInfo n) {
        return n.multicastSubscriptions().stream().map(g -> new MulticastJson(g.adi(), mac(g.mac().value()))).toList();
    }

    private static String mac(long m) {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (sb.length() > 0) sb.append(':');
            sb.append(String.format("%02x", (m >>> shift) & 0xff));
        }
        return sb.toString();
    }
}
