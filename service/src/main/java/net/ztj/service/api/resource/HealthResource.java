package net.ztj.service.api.resource;

import net.ztj.service.api.ApiResult;
import net.ztj.service.api.RouteTable;
import net.ztj.service.json.JsonText;
import net.ztj.service.node.NodeControl;

import java.util.function.LongSupplier;

/** {@code GET /health} (spec 05 §5.7.2); needs no token. */
public final class HealthResource {
    /** The /health object. */
    record HealthJson(long clock, boolean online, String version, int versionBuild, int versionMajor,
                      int versionMinor, int versionRev) {}

    private final NodeControl node;
    private final LongSupplier clockMs;

    public HealthResource(NodeControl node, LongSupplier clockMs) {
        this.node = node;
        this.clockMs = clockMs;
    }

    public void register(RouteTable routes) {
        routes.on("GET", "/health", call -> ApiResult.ok(JsonText.tree(health())));
    }

    HealthJson health() {
        return new HealthJson(clockMs.getAsLong(), node.status().online(), VersionFields.VERSION, VersionFields.BUILD,
                VersionFields.MAJOR, VersionFields.MINOR, VersionFields.REVISION);
    }
}
