package net.ztj.service.port;

import net.ztj.core.node.NetworkInfo;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.IpText;
import net.ztj.service.network.NetworkSettings;
import net.ztj.tap.IpPrefix;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which assigned addresses and routes of a configuration the host applies (spec 05 §8.5, §8.6), given the
 * network's allowManaged/allowGlobal/allowDefault settings. Pure.
 */
final class ManagedIps {
    private ManagedIps() {}

    /** A route to install: the kernel target and the gateway (null: onto the interface). */
    record RouteKey(IpPrefix target, InetAddress via) {}

    /** §8.5: managed, and by scope: private/pseudo-private/shared always, global with allowGlobal, default with allowDefault. */
    static boolean allowed(IpPrefix p, NetworkSettings s) {
        if (!s.allowManaged()) return false;
        if (p.isDefault()) return s.allowDefault();
        return switch (IpText.scope(p.address().getAddress())) {
            case NONE, MULTICAST, LOOPBACK, LINK_LOCAL -> false;
            case GLOBAL -> s.allowGlobal();
            case PRIVATE, PSEUDOPRIVATE, SHARED -> true;
        };
    }

    /** The addresses to put on the interface, sorted by text and de-duplicated. */
    static List<IpPrefix> addresses(NetworkInfo info, NetworkSettings s) {
        TreeSet<String> seen = new TreeSet<>();
        List<IpPrefix> out = new ArrayList<>();
        for (String a : info.assignedAddresses()) {
            IpPrefix p = parse(a);
            if (p != null && allowed(p, s) && seen.add(p.toString())) out.add(p);
        }
        out.sort((x, y) -> x.toString().compareTo(y.toString()));
        return out;
    }

    /**
     * §8.6: the routes to install. Skipped: targets not allowed, routes via one of our own IPs, targets the kernel
     * already routes because a managed address has exactly the target's prefix inside it, and targets with no
     * source address of their family. Routes without {@code via} are installed onto the interface: ZeroTier One
     * 1.14.1 means to but sends a request the kernel rejects, a defect we do not copy.
     */
    static List<RouteKey> routes(NetworkInfo info, NetworkSettings s, Collection<IpPrefix> ourIps, boolean online) {
        Map<String, RouteKey> out = new LinkedHashMap<>();
        List<RouteKey> withVia = new ArrayList<>();
        for (NetworkInfo.Route r : info.routes()) {
            IpPrefix target = parse(r.target());
            if (target == null || !allowed(target, s)) continue;
            InetAddress via = r.via() == null ? null : address(r.via());
            if (via != null && via.getAddress().length != target.address().getAddress().length) via = null;
            if (via != null && isOurs(via, ourIps)) continue;
            if (ourIps.stream().noneMatch(ip -> ip.isIpv6() == target.isIpv6())) continue;
            if (via == null && coveredByAddress(target, ourIps)) continue;
            if (target.isDefault() && via != null && !online) continue;
            for (IpPrefix k : target.kernelRouteTargets()) {
                RouteKey key = new RouteKey(k, via);
                if (via == null) out.putIfAbsent(key.toString(), key);
                else withVia.add(key);
            }
        }
        List<RouteKey> all = new ArrayList<>(out.values());
        all.addAll(withVia);
        return all;
    }

    private static boolean isOurs(InetAddress via, Collection<IpPrefix> ourIps) {
        for (IpPrefix p : ourIps) if (Arrays.equals(p.address().getAddress(), via.getAddress())) return true;
        return false;
    }

    private static boolean coveredByAddress(IpPrefix target, Collection<IpPrefix> ourIps) {
        for (IpPrefix a : ourIps) {
            if (a.isIpv6() != target.isIpv6() || a.length() != target.length()) continue;
            if (a.network().equals(target.network())) return true;
        }
        return false;
    }

    static IpPrefix parse(String text) {
        try {
            return IpPrefix.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByAddress(IpText.parse(text));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    static Endpoint.Scope scope(IpPrefix p) {
        return IpText.scope(p.address().getAddress());
    }
}
