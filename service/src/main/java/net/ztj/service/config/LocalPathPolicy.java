package net.ztj.service.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.core.identity.Address;
import net.ztj.core.node.PathPolicy;
import net.ztj.core.wire.Endpoint;
import net.ztj.service.json.JsonText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * local.conf's {@code physical} and {@code virtual} sections as ZeroTier One 1.14 applies them to paths:
 * {@code "physical": {"<ip>/<bits>": {"blacklist": true}}} keeps every peer off that network;
 * {@code "virtual": {"<10 hex address>": {"blacklist": ["<ip>/<bits>"], "try": ["<ip>/<port>"]}}} keeps one peer off
 * those networks and names addresses to try it at while it has no live path. Entries that do not parse are named in
 * a warning and skipped, as the reference skips them. ({@code physical}'s {@code mtu} and {@code trustedPathId} are
 * not applied.)
 */
public final class LocalPathPolicy implements PathPolicy {
    private final List<IpNetwork> blacklist;
    private final Map<Address, List<IpNetwork>> peerBlacklists;
    private final Map<Address, List<Endpoint>> tries;

    private LocalPathPolicy(List<IpNetwork> blacklist, Map<Address, List<IpNetwork>> peerBlacklists,
                            Map<Address, List<Endpoint>> tries) {
        this.blacklist = List.copyOf(blacklist);
        this.peerBlacklists = Map.copyOf(peerBlacklists);
        this.tries = Map.copyOf(tries);
    }

    /** Reads both sections of the local.conf document. */
    public static LocalPathPolicy from(ObjectNode document, Consumer<String> warnings) {
        List<IpNetwork> blacklist = new ArrayList<>();
        JsonNode physical = document.path("physical");
        for (Iterator<Map.Entry<String, JsonNode>> it = physical.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Optional<IpNetwork> net = IpNetwork.parse(e.getKey());
            if (net.isEmpty()) {
                warnings.accept("WARNING: local.conf: physical: " + e.getKey() + " is not an IP network; ignored");
            } else if (e.getValue().path("blacklist").asBoolean(false)) {
                blacklist.add(net.get());
            }
        }
        Map<Address, List<IpNetwork>> peerBlacklists = new HashMap<>();
        Map<Address, List<Endpoint>> tries = new HashMap<>();
        JsonNode virtual = document.path("virtual");
        for (Iterator<Map.Entry<String, JsonNode>> it = virtual.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Address peer;
            try {
                peer = Address.parse(e.getKey());
            } catch (IllegalArgumentException x) {
                warnings.accept("WARNING: local.conf: virtual: " + e.getKey() + " is not a ZeroTier address; ignored");
                continue;
            }
            for (JsonNode b : e.getValue().path("blacklist")) {
                Optional<IpNetwork> net = IpNetwork.parse(b.asText());
                if (net.isPresent()) peerBlacklists.computeIfAbsent(peer, k -> new ArrayList<>()).add(net.get());
                else warnings.accept("WARNING: local.conf: virtual." + peer + ".blacklist: " + JsonText.compact(b) + " ignored");
            }
            for (JsonNode t : e.getValue().path("try")) {
                try {
                    tries.computeIfAbsent(peer, k -> new ArrayList<>()).add(Endpoint.parse(t.asText()));
                } catch (IllegalArgumentException x) {
                    warnings.accept("WARNING: local.conf: virtual." + peer + ".try: " + JsonText.compact(t) + " ignored");
                }
            }
        }
        return new LocalPathPolicy(blacklist, peerBlacklists, tries);
    }

    @Override
    public boolean allowed(Address peer, Endpoint at) {
        byte[] ip = at.ip();
        for (IpNetwork n : blacklist) if (n.contains(ip)) return false;
        for (IpNetwork n : peerBlacklists.getOrDefault(peer, List.of())) if (n.contains(ip)) return false;
        return true;
    }

    @Override
    public List<Endpoint> tryAddresses(Address peer) {
        return tries.getOrDefault(peer, List.of());
    }
}
