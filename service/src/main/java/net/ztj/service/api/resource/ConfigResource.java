package net.ztj.service.api.resource;

import net.ztj.service.api.ApiResult;
import net.ztj.service.api.RouteTable;
import net.ztj.service.config.LocalConf;

/** {@code GET /config}: the loaded local.conf as it was written ({@code {}} without one). */
public final class ConfigResource {
    private final LocalConf conf;

    public ConfigResource(LocalConf conf) {
        this.conf = conf;
    }

    public void register(RouteTable routes) {
        routes.on("GET", "/config", call -> ApiResult.ok(conf.publicDocument()));
    }
}
