package net.ztj.service.api.resource;

import net.ztj.service.api.ApiResult;
import net.ztj.service.api.RouteTable;
import net.ztj.service.config.LocalConf;

import java.util.function.Supplier;

/** {@code GET /config}: local.conf as it was last loaded or written ({@code {}} without one), passwords masked. */
public final class ConfigResource {
    private final Supplier<LocalConf> conf;

    public ConfigResource(Supplier<LocalConf> conf) {
        this.conf = conf;
    }

    public void register(RouteTable routes) {
        routes.on("GET", "/config", call -> ApiResult.ok(conf.get().publicDocument()));
    }
}
