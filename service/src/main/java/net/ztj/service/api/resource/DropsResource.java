package net.ztj.service.api.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.core.node.DropReason;
import net.ztj.service.api.ApiResult;
import net.ztj.service.api.RouteTable;
import net.ztj.service.json.JsonText;
import net.ztj.service.node.NodeControl;

import java.util.Map;

/**
 * {@code GET /unstable/drops}, our addition: how much input the node dropped and why, every reason listed (zero
 * when never seen): {@code {"drops": {"AUTHENTICATION_FAILED": 0, ...}, "total": 0}}. The reasons are the core's
 * {@link DropReason} names.
 */
public final class DropsResource {
    private final NodeControl node;

    public DropsResource(NodeControl node) {
        this.node = node;
    }

    public void register(RouteTable routes) {
        routes.on("GET", "/unstable/drops", call -> {
            Map<DropReason, Long> drops = node.status().drops();
            ObjectNode out = JsonText.object();
            out.set("drops", counts(drops, true));
            out.put("total", drops.values().stream().mapToLong(Long::longValue).sum());
            return ApiResult.ok(out);
        });
    }

    /** The counts as an object keyed by reason name; {@code everyReason}: reasons without drops appear as 0. */
    static ObjectNode counts(Map<DropReason, Long> drops, boolean everyReason) {
        ObjectNode o = JsonText.object();
        for (DropReason r : DropReason.values()) {
            long n = drops.getOrDefault(r, 0L);
            if (n != 0 || everyReason) o.put(r.name(), n);
        }
        return o;
    }
}
