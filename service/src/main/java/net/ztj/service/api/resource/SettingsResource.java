package net.ztj.service.api.resource;

import net.ztj.service.api.ApiCall;
import net.ztj.service.api.ApiResult;
import net.ztj.service.api.RouteTable;
import net.ztj.service.config.LocalConfException;
import net.ztj.service.config.LocalConfFile;
import net.ztj.service.json.JsonText;

import java.io.IOException;

/**
 * {@code POST /config/settings} (and PUT, as the reference routes it): changes local.conf's settings and answers
 * {@code {}}, as ZeroTier One 1.14 does; a change it refuses is answered 400 with what is wrong, one it cannot write
 * 500 (see {@link LocalConfFile}).
 */
public final class SettingsResource {
    private final LocalConfFile conf;

    public SettingsResource(LocalConfFile conf) {
        this.conf = conf;
    }

    public void register(RouteTable routes) {
        if (conf.writable()) routes.on("POST,PUT", "/config/settings", this::update);
    }

    private ApiResult update(ApiCall call) {
        try {
            conf.updateSettings(call.bodyText());
        } catch (LocalConfException e) {
            return ApiResult.of(400, JsonText.object().put("error", 400).put("description", e.getMessage()));
        } catch (IOException e) {
            return ApiResult.of(500, JsonText.object().put("error", 500)
                    .put("description", "cannot write local.conf: " + e.getMessage()));
        }
        return ApiResult.ok(JsonText.object());
    }
}
