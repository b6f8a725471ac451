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
 * a warning and skipped, as the reference skips them.
 *
 * <p>{@code "physical": {"<ip>/<bits>": {"mtu": n, "trustedPathId": id}}} is 1.14's physical path configuration:
 * every object entry of {@code physical} (a blacklist-only one too) becomes one, with its MTU clamped to 1400..10324
 * (0 or absent: 1432) and its trusted path ID (0 or absent: none), at most 32 of them, and the first whose network
 * contains an address answers for it, in the order of the reference's address comparison (family, bits, then the
 * address: IPv4 by its in-memory reading on a little-endian machine, IPv6 byte by byte).
 */
public final class LocalPathPolicy implements PathPolicy {
    private final List<IpNetwork> blacklist;
    private final Map<Address, List<IpNetwork>> peerBlacklists;
    private final Map<Address, List<Endpoint>> tries;
    private final List<PhysicalPath> physicalPaths;

    /** 1.14's bounds on a configured physical MTU, its default, and how many paths it keeps (ZeroTierOne.h). */
    static final int MIN_MTU = 1400, MAX_MTU = 10324, DEFAULT_MTU = 1432, MAX_PHYSICAL_PATHS = 32;

    /** One physical path configuration: a network, its MTU and its trusted path ID (0 = not trusted). */
    record PhysicalPath(IpNetwork network, int mtu, long trustedPathId) {
    }

    private LocalPathPolicy(List<IpNetwork> blacklist, Map<Address, List<IpNetwork>> peerBlacklists,
                            Map<Address, List<Endpoint>> tries, List<PhysicalPath> physicalPaths) {
        this.physicalPaths = List.copyOf(physicalPaths);
        this.blacklist = List.copyOf(blacklist);
        this.peerBlacklists = Map.copyOf(peerBlacklists);
        this.tries = Map.copyOf(tries);
    }

    /** Reads both sections of the local.conf document. */
    public static LocalPathPolicy from(ObjectNode document, Consumer<String> warnings) {
        return from(document, Map.of(), warnings, List.of());
    }

    /**
     * Reads both sections of the local.conf document after the trusted networks of the legacy {@code trustedpaths}
     * file ({@link LegacyTrustedPaths}), which local.conf's physical section overrides network by network.
     */
    public static LocalPathPolicy from(ObjectNode document, Map<IpNetwork, Long> legacyTrusted,
                                       Consumer<String> warnings) {
        return from(document, legacyTrusted, warnings, List.of());
    }

    /**
     * The policy after a reload of local.conf, as 1.14 re-applies it: blacklists and addresses to try are read
     * afresh, but physical path configurations only add to and replace (network by network) those in effect, never
     * removing one (1.14 clears them only at restart). The legacy file's entries are those read again for the reload,
     * as 1.14 reads it at each one.
     */
    public LocalPathPolicy reloaded(ObjectNode document, Map<IpNetwork, Long> legacyTrusted, Consumer<String> warnings) {
        return from(document, legacyTrusted, warnings, physicalPaths);
    }

    private static LocalPathPolicy from(ObjectNode document, Map<IpNetwork, Long> legacyTrusted,
                                        Consumer<String> warnings, List<PhysicalPath> kept) {
        List<IpNetwork> blacklist = new ArrayList<>();
        java.util.TreeMap<IpNetwork, PhysicalPath> physicalPaths = new java.util.TreeMap<>(LocalPathPolicy::compare);
        Map<IpNetwork, PhysicalPath> read = new HashMap<>();
        legacyTrusted.forEach((net, id) -> read.put(net, new PhysicalPath(net, DEFAULT_MTU, id)));
        JsonNode physical = document.path("physical");
        java.util.TreeMap<String, JsonNode> physicalByKey = new java.util.TreeMap<>(); // the reference's key order
        physical.fields().forEachRemaining(e -> physicalByKey.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, JsonNode> e : physicalByKey.entrySet()) {
            Optional<IpNetwork> net = IpNetwork.parse(e.getKey());
            if (net.isEmpty()) {
                warnings.accept("WARNING: local.conf: physical: " + e.getKey() + " is not an IP network; ignored");
            } else if (e.getValue().isObject()) {
                if (e.getValue().path("blacklist").asBoolean(false)) blacklist.add(net.get());
                // two keys for one network ("10.0.0.0/24", "10.0.0.0/24x") share an entry, as in the reference:
                // the later one sets the MTU, and its trusted path ID if it has one
                long id = unsigned(e.getValue().path("trustedPathId"));
                PhysicalPath before = read.get(net.get());
                if (id == 0 && before != null) id = before.trustedPathId();
                int mtu = (int) unsigned(e.getValue().path("mtu")); // the reference's (int) cast
                int clamped = mtu <= 0 ? DEFAULT_MTU : Math.max(MIN_MTU, Math.min(MAX_MTU, mtu));
                read.put(net.get(), new PhysicalPath(net.get(), clamped, id));
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
        for (PhysicalPath p : kept) physicalPaths.put(p.network(), p);
        physicalPaths.putAll(read);
        List<PhysicalPath> inEffect = new ArrayList<>(physicalPaths.values());
        if (inEffect.size() > MAX_PHYSICAL_PATHS) {
            warnings.accept("WARNING: local.conf: physical: more than " + MAX_PHYSICAL_PATHS + " networks; the last "
                    + (inEffect.size() - MAX_PHYSICAL_PATHS) + " in address order are ignored");
            inEffect = inEffect.subList(0, MAX_PHYSICAL_PATHS);
        }
        return new LocalPathPolicy(blacklist, peerBlacklists, tries, inEffect);
    }

    /** A number as the reference reads one (an unsigned 64-bit integer; a decimal string; true = 1), else 0. */
    static long unsigned(JsonNode v) {
        if (v.isIntegralNumber()) return v.bigIntegerValue().longValue();
        if (v.isNumber()) return (long) v.doubleValue();
        if (v.isBoolean()) return v.booleanValue() ? 1 : 0;
        if (v.isTextual()) {
            String t = v.textValue().strip();
            int i = 0;
            while (i < t.length() && Character.isDigit(t.charAt(i))) i++;
            try {
                return i == 0 ? 0 : Long.parseUnsignedLong(t.substring(0, i));
            } catch (NumberFormatException e) {
                return -1; // strtoull saturates
            }
        }
        return 0;
    }

    /** The reference's order of networks (its address comparison, bits in the port field). */
    private static int compare(IpNetwork a, IpNetwork b) {
        if (a.ip().length != b.ip().length) return Integer.compare(a.ip().length, b.ip().length);
        if (a.bits() != b.bits()) return Integer.compare(a.bits(), b.bits());
        byte[] x = a.ip(), y = b.ip();
        if (x.length == 4) {
            for (int i = 3; i >= 0; i--) if (x[i] != y[i]) return Integer.compare(x[i] & 0xff, y[i] & 0xff);
            return 0;
        }
        return java.util.Arrays.compareUnsigned(x, y);
    }

    /** What answers for an address in no configured network: the node's MTU, not trusted. */
    private static final PhysicalPath NOT_CONFIGURED = new PhysicalPath(null, 0, 0);

    private PhysicalPath physicalPath(Endpoint at) {
        byte[] ip = at.ip();
        for (PhysicalPath p : physicalPaths) if (p.network().contains(ip)) return p;
        return NOT_CONFIGURED;
    }

    @Override
    public long trustedPathId(Endpoint at) {
        return physicalPath(at).trustedPathId();
    }

    @Override
    public int physicalMtu(Endpoint at) {
        return physicalPath(at).mtu();
    }

    @Override
    public boolean trusted(Endpoint from, long trustedPathId) {
        byte[] ip = from.ip();
        if (trustedPathId == 0) return false; // the reference would match every untrusted entry here
        for (PhysicalPath p : physicalPaths) {
            if (p.trustedPathId() == trustedPathId && p.network().contains(ip)) return true;
        }
        return false;
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
