package net.ztj.cli.zerotiercli;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.service.json.JsonValues;

import java.util.ArrayList;
import java.util.List;

/** {@code listnetworks}: one line per network, fields printed as they are ({@code -} when missing). */
final class ListNetworksCommand implements CliCommand {
    @Override
    public int run(CliContext c) {
        return Replies.getJson(c, "/network", networks -> {
            if (c.args().json()) {
                Replies.printJson(c, networks);
                return 0;
            }
            c.println("200 listnetworks <nwid> <name> <mac> <status> <type> <dev> <ZT assigned ips>");
            if (!networks.isArray()) return 0;
            for (JsonNode n : networks) {
                if (!n.isObject()) continue;
                c.println("200 listnetworks " + field(n, "nwid") + " " + field(n, "name") + " " + field(n, "mac") + " "
                        + field(n, "status") + " " + field(n, "type") + " " + field(n, "portDeviceName") + " "
                        + addresses(n));
                sso(c, n);
            }
            return 0;
        });
    }

    private static String field(JsonNode n, String name) {
        return JsonValues.string(n.get(name), "-");
    }

    private static String addresses(JsonNode n) {
        JsonNode assigned = n.get("assignedAddresses");
        List<String> out = new ArrayList<>();
        if (assigned != null && assigned.isArray()) {
            for (JsonNode a : assigned) if (a.isTextual()) out.add(a.textValue());
        }
        return out.isEmpty() ? "-" : String.join(",", out);
    }

    private static void sso(CliContext c, JsonNode n) {
        if (!JsonValues.bool(n.get("ssoEnabled"), false)) return;
        String status = field(n, "status");
        if (status.equals("AUTHENTICATION_REQUIRED")) {
            c.println("    AUTH EXPIRED, URL: " + JsonValues.string(n.get("authenticationURL"), "(null)"));
        } else if (status.equals("OK")) {
            long expiry = JsonValues.integer(n.get("authenticationExpiryTime"), 0);
            long now = c.nowMs();
            if (expiry > now) c.println("    AUTH OK, expires in: " + (expiry - now) / 1000 + " seconds");
        }
    }
}
