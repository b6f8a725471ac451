package net.ztj.service.api.resource;

import com.fasterxml.jackson.annotation.JsonProperty;
import net.ztj.core.identity.Address;
import net.ztj.core.node.PathInfo;
import net.ztj.core.node.PeerInfo;
import net.ztj.service.api.ApiResult;
import net.ztj.service.api.RouteTable;
import net.ztj.service.json.JsonText;
import net.ztj.service.node.NodeControl;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /peer} (ascending address order) and {@code GET /peer/<10 hex>} (spec 05 §5.7.4). An unknown peer
 * answers 200 {@code {}}.
 */
public final class PeerResource {
    /** A path object. {@code active}/{@code expired} are constant and {@code localPort} 0, as in 1.14.1. */
    record PathJson(boolean active, String address, boolean expired, long lastReceive, long lastSend, int localPort,
                    BigInteger localSocket, boolean preferred, long trustedPathId) {}

    /** A peer object (not bonded: bonding is not implemented). */
    record PeerJson(String address, @JsonProperty("isBonded") boolean isBonded, int latency, List<PathJson> paths,
                    String role, boolean tunneled, String version, int versionMajor, int versionMinor,
                    int versionRev) {}

    private final NodeControl node;
    private final BooleanSupplier tunneled;

    /**
     * @param tunneled whether the TCP relay is in use: reported on every peer, as the reference does
     */
    public PeerResource(NodeControl node, BooleanSupplier tunneled) {
        this.node = node;
        this.tunneled = tunneled;
    }

    public void register(RouteTable routes) {
        routes.on("GET", "/peer", call -> ApiResult.ok(JsonText.tree(node.peers().stream()
                .sorted(Comparator.comparing(PeerInfo::address))
                .map(p -> json(p, tunneled.getAsBoolean())).toList())));
        routes.on("GET", "/peer/{hex10}", call -> ApiResult.ok(node.peer(Address.parse(call.param(0)))
                .map(p -> JsonText.tree(json(p, tunneled.getAsBoolean())))
                .orElseGet(JsonText::object)));
    }

    static PeerJson json(PeerInfo p, boolean tunneled) {
        List<PathJson> paths = p.paths().stream().map(PeerResource::json).toList();
        String version = p.versionMajor() + "." + p.versionMinor() + "." + p.versionRevision();
        return new PeerJson(p.address().toString(), false, p.latencyMs(), paths, p.role().name(), tunneled, version,
                p.versionMajor(), p.versionMinor(), p.versionRevision());
    }

    private static PathJson json(PathInfo path) {
        return new PathJson(true, path.address().toString(), false, path.lastReceiveMs(), path.lastSendMs(), 0,
                new BigInteger(Long.toUnsignedString(path.localSocket())), path.preferred(), 0);
    }
}
