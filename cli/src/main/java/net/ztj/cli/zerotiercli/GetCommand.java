package net.ztj.cli.zerotiercli;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.service.json.JsonValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code get <network id> <property>}: a field of the network's JSON object (booleans as 1/0), or its assigned
 * addresses with {@code ip}, {@code ip4}, {@code ip6}, {@code ip6plane}, {@code ip6prefix}. The reference's quirk in
 * joining lines is kept: a line break follows an address whenever it is not the last of the addresses of that family,
 * even if the following ones are not printed.
 */
final class GetCommand implements CliCommand {
    private static final Set<String> ADDRESS_PROPERTIES = Set.of("ip", "ip4", "ip6", "ip6plane", "ip6prefix");
    /** ZT_MAX_ZT_ASSIGNED_ADDRESSES: the reference looks at no more addresses than this. */
    private static final int MAX_ADDRESSES = 32;

    @Override
    public int run(CliContext c) {
        String nwid = c.args().arg1(), property = c.args().arg2();
        if (Replies.byteLength(nwid) != 16) {
            CliOutput.println(c.io().err(), "invalid format: must be a 16-digit (network) ID");
            return 2;
        }
        if (property.isEmpty()) {
            CliOutput.println(c.io().err(), "invalid format: include a property name to get");
            return 2;
        }
        ApiResponse r = c.api().get("/network");
        if (r.status() == 0) return Replies.errorConnecting(c, r);
        Optional<JsonNode> networks = Replies.parse(c, r);
        if (networks.isEmpty()) return 1;
        Optional<JsonNode> network = find(networks.get(), nwid);
        if (network.isPresent()) {
            c.println(ADDRESS_PROPERTIES.contains(property) ? addresses(network.get(), property)
                    : field(network.get(), property));
        } else {
            CliOutput.println(c.io().err(), "unknown network ID, check that you are a member of the network");
        }
        return r.status() == 200 ? 0 : Replies.failure(c, r);
    }

    private static Optional<JsonNode> find(JsonNode networks, String nwid) {
        if (!networks.isArray()) return Optional.empty();
        for (JsonNode n : networks) {
            if (n.isObject() && n.path("id").isTextual() && n.get("id").textValue().equals(nwid)) return Optional.of(n);
        }
        return Optional.empty();
    }

    private static String field(JsonNode network, String property) {
        String value = JsonValues.string(network.get(property), "-");
        return value.equals("-") ? "error, unknown property name" : value;
    }

    private static String addresses(JsonNode network, String property) {
        JsonNode assigned = network.get("assignedAddresses");
        if (assigned == null || !assigned.isArray()) return "";
        List<String> matching = new ArrayList<>();
        for (int k = 0; k < Math.min(MAX_ADDRESSES, assigned.size()); k++) {
            JsonNode a = assigned.get(k);
            if (!a.isTextual()) continue;
            String s = a.textValue();
            if (property.equals("ip") || (property.equals("ip4") && s.contains("."))
                    || (property.startsWith("ip6") && s.contains(":"))) {
                matching.add(s);
            }
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < matching.size(); k++) {
            String s = matching.get(k);
            String ip = s.contains("/") ? s.substring(0, s.indexOf('/')) : s;
            if (property.startsWith("ip6p")) {
                if (!s.startsWith("fc")) continue;
                if (property.equals("ip6prefix")) ip = ip.substring(0, Math.min(24, ip.length()));
            }
            out.append(ip);
            if (k < matching.size() - 1) out.append('\n');
        }
        return out.toString();
    }
}
