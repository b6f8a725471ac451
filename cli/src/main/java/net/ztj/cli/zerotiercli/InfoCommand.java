package net.ztj.cli.zerotiercli;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.service.json.JsonValues;

/** {@code info} (alias {@code status}): {@code 200 info <address> <version> <ONLINE|OFFLINE|TUNNELED>}. */
final class InfoCommand implements CliCommand {
    @Override
    public int run(CliContext c) {
        return Replies.getJson(c, "/status", status -> {
            if (c.args().json()) {
                Replies.printJson(c, status);
            } else if (status.isObject()) {
                c.println("200 info " + JsonValues.string(status.get("address"), "-") + " "
                        + JsonValues.string(status.get("version"), "-") + " " + state(status));
            }
            return 0;
        });
    }

    private static String state(JsonNode status) {
        if (JsonValues.bool(status.get("tcpFallbackActive"), false)) return "TUNNELED";
        return JsonValues.bool(status.get("online"), false) ? "ONLINE" : "OFFLINE";
    }
}
