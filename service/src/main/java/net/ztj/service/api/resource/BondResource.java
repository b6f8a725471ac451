package net.ztj.service.api.resource;

import net.ztj.service.api.ApiResult;
import net.ztj.service.api.RouteTable;

/**
 * The bond routes (spec 05 §5.4) as ZeroTier One 1.14 answers them while multipath bonding is not in use, which is
 * always so here (no bonding policy is implemented): {@code GET /bond/show/<peer>} and
 * {@code POST|PUT /bond/rotate/<peer>} 400 with an empty body ({@code {}}), {@code POST|PUT /bond/setmtu/...} 400
 * with the reference's plain-text message. Paths that do not match the reference's patterns answer 404 as any
 * unknown path.
 */
public final class BondResource {
    /** The reference's answer to setmtu while bonding is not in use. */
    static final String NOT_ACTIVE = "Bonding layer isn't active yet";

    public void register(RouteTable routes) {
        routes.on("GET", "/bond/show/{hex10}", call -> ApiResult.noBody(400));
        routes.on("POST,PUT", "/bond/rotate/{hex10}", call -> ApiResult.noBody(400));
        routes.on("POST,PUT", "/bond/setmtu/([0-9]{1,6})/([a-zA-Z0-9_]{1,16})/([0-9a-fA-F.:]{1,39})",
                call -> ApiResult.text(400, NOT_ACTIVE));
    }
}
