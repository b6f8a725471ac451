package net.ztj.controller.engine;

import net.ztj.controller.model.IpAssignmentPool;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.model.Route;
import net.ztj.core.identity.Address;
import net.ztj.core.network.addressing.ManagedIpv6;
import net.ztj.core.network.addressing.NetworkId;
import net.ztj.core.network.config.IpNetworkPrefix;
import net.ztj.core.wire.IpText;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The static IPs a controller gives a member (spec 04 §6), in ZeroTier's order: the RFC4193 and 6PLANE addresses,
 * the member's explicit assignments that lie inside a route (with the longest containing prefix), then at most one
 * new address from the IPv6 pools and one from the IPv4 pools, which are also added to the member's assignments.
 */
public final class IpAssignment {
    /** Most static IPs in a configuration. */
    public static final int MAX_STATIC_IPS = 32;
    private static final int MAX_TRIALS = 1000;

    /**
     * @param staticIps      "ip/bits" in configuration order
     * @param ipAssignments  the member's assignments afterwards (new pool addresses appended)
     * @param ndpEmulation   whether RFC4193 or 6PLANE addresses were issued (configuration flag 0x04)
     */
    public record Result(List<String> staticIps, List<String> ipAssignments, boolean ndpEmulation) {}

    private record ParsedRoute(byte[] target, int bits, boolean hasVia) {}

    private IpAssignment() {}

    /**
     * @param takenInNetwork every address (text without prefix, as stored) assigned to any member of the network
     * @param random         for the random IPv6 pool trials
     */
    public static Result assign(NetworkRecord net, MemberRecord member, long networkId, Address address,
                                Set<String> takenInNetwork, RandomGenerator random) {
        return assign(net, member, networkId, address, takenInNetwork::contains, random);
    }

    /**
     * @param takenInNetwork whether an address (text without prefix, as stored) is assigned to another member; asked
     *                       only for candidates that are otherwise acceptable
     * @param random         for the random IPv6 pool trials
     */
    public static Result assign(NetworkRecord net, MemberRecord member, long networkId, Address address,
                                Predicate<String> takenInNetwork, RandomGenerator random) {
        List<String> statics = new ArrayList<>();
        List<String> assignments = new ArrayList<>(member.ipAssignments());
        boolean auto = !member.noAutoAssignIps();
        boolean ndp = addComputed(net, member, networkId, address, statics);
        List<ParsedRoute> routes = parseRoutes(net.routes());
        boolean haveV4 = false, haveV6 = false;
        for (String a : routed(member.ipAssignments(), routes)) {
            statics.add(a);
            if (a.indexOf(':') < 0) haveV4 = true; else haveV6 = true;
        }
        if (auto && !haveV6 && Boolean.TRUE.equals(net.v6AssignMode().get("zt"))) {
            String v6 = poolV6(net.ipAssignmentPools(), routes, address, assignments, takenInNetwork, random, statics);
            if (v6 != null) assignments.add(v6);
        }
        if (auto && !haveV4 && net.v4AssignZt()) {
            String v4 = poolV4(net.ipAssignmentPools(), routes, address, assignments, takenInNetwork, statics);
            if (v4 != null) assignments.add(v4);
        }
        List<String> limited = statics.size() > MAX_STATIC_IPS ? statics.subList(0, MAX_STATIC_IPS) : statics;
        return new Result(List.copyOf(limited), List.copyOf(assignments), ndp);
    }

    /**
     * The member's managed addresses as a configuration gives them, without assigning anything new: the RFC4193
     * and 6PLANE addresses the network's v6AssignMode computes, then each stored assignment that a managed route
     * covers ("ip/bits" with the longest such route's bits), in configuration order, at most {@link #MAX_STATIC_IPS}.
     */
    public static List<String> managedAddresses(NetworkRecord net, MemberRecord member, long networkId, Address address) {
        List<String> statics = new ArrayList<>();
        addComputed(net, member, networkId, address, statics);
        statics.addAll(routed(member.ipAssignments(), parseRoutes(net.routes())));
        return List.copyOf(statics.size() > MAX_STATIC_IPS ? statics.subList(0, MAX_STATIC_IPS) : statics);
    }

    /** Adds the RFC4193 and 6PLANE addresses the network computes; true when there was one (NDP emulation). */
    private static boolean addComputed(NetworkRecord net, MemberRecord member, long networkId, Address address,
                                       List<String> statics) {
        if (member.noAutoAssignIps()) return false;
        boolean ndp = false;
        NetworkId nwid = new NetworkId(networkId);
        if (Boolean.TRUE.equals(net.v6AssignMode().get("rfc4193"))) {
            statics.add(ManagedIpv6.rfc4193(nwid, address).toString());
            ndp = true;
        }
        if (Boolean.TRUE.equals(net.v6AssignMode().get("6plane"))) {
            statics.add(ManagedIpv6.sixPlane(nwid, address).toString());
            ndp = true;
        }
        return ndp;
    }

    /** The assignments a managed route covers, as "ip/bits" with the bits of the longest covering route. */
    private static List<String> routed(List<String> ipAssignments, List<ParsedRoute> routes) {
        List<String> out = new ArrayList<>();
        for (String a : ipAssignments) {
            byte[] ip = parseIp(a);
            if (ip == null) continue;
            int best = -1;
            for (ParsedRoute r : routes) if (r.target.length == ip.length && contains(r, ip)) best = Math.max(best, r.bits);
            if (best >= 0) out.add(IpText.format(ip) + "/" + best);
        }
        return out;
    }

    private static String poolV6(List<IpAssignmentPool> pools, List<ParsedRoute> routes, Address address,
                                 List<String> mine, Predicate<String> taken, RandomGenerator random,
                                 List<String> statics) {
        for (IpAssignmentPool pool : pools) {
            byte[] s = parseIp(pool.ipRangeStart()), e = parseIp(pool.ipRangeEnd());
            if (s == null || e == null || s.length != 16 || e.length != 16) continue;
            long sHi = half(s, 0), sLo = half(s, 8), eHi = half(e, 0), eLo = half(e, 8);
            for (int trial = 0; trial < MAX_TRIALS; trial++) {
                long hi, lo;
                if (trial == 0 && Long.compareUnsigned(eLo, sLo) > 0 && Long.compareUnsigned(eLo - sLo, 0xffffffffffL) >= 0) {
                    hi = sHi;
                    lo = sLo + address.value();
                } else {
                    long rHi = random.nextLong(), rLo = random.nextLong();
                    rHi = Long.compareUnsigned(eHi, sHi) > 0 ? Long.remainderUnsigned(rHi, eHi - sHi) : 0;
                    rLo = Long.compareUnsigned(eLo, sLo) > 0 ? Long.remainderUnsigned(rLo, eLo - sLo) : 0;
                    hi = sHi + rHi;
                    lo = sLo + rLo;
                }
                byte[] ip = new byte[16];
                putHalf(ip, 0, hi);
                putHalf(ip, 8, lo);
                int bits = 0;
                for (ParsedRoute r : routes) if (r.target.length == 16 && !r.hasVia && contains(r, ip)) bits = r.bits;
                String text = IpText.format(ip);
                if (bits > 0 && !mine.contains(text) && !taken.test(text)) {
                    statics.add(text + "/" + bits);
                    return text;
                }
            }
        }
        return null;
    }

    private static String poolV4(List<IpAssignmentPool> pools, List<ParsedRoute> routes, Address address,
                                 List<String> mine, Predicate<String> taken, List<String> statics) {
        for (IpAssignmentPool pool : pools) {
            byte[] s = parseIp(pool.ipRangeStart()), e = parseIp(pool.ipRangeEnd());
            if (s == null || e == null || s.length != 4 || e.length != 4) continue;
            long start = v4(s), end = v4(e);
            if (end < start || start == 0) continue;
            long len = end - start;
            long counter = address.value() & 0xffffffffL;
            long tries = Math.min(end - start + 1, MAX_TRIALS);
            for (long t = 0; t < tries; t++) {
                long ip = len > 0 ? start + Long.remainderUnsigned(counter, len) : start;
                counter = (counter + 1) & 0xffffffffL;
                if ((ip & 0xff) == 0xff) continue;
                int bits = 0;
                for (ParsedRoute r : routes) {
                    if (r.target.length != 4 || r.bits == 0) continue; // a /0 route never matches here (x86 quirk)
                    long mask = (0xffffffffL << (32 - r.bits)) & 0xffffffffL;
                    if ((ip & mask) == v4(r.target)) {
                        bits = r.bits;
                        break;
                    }
                }
                String text = IpText.format(new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip});
                if (bits > 0 && !mine.contains(text) && !taken.test(text)) {
                    statics.add(text + "/" + bits);
                    return text;
                }
            }
        }
        return null;
    }

    /** Spec 04 §6.3 containment: IPv4 compares the top bits; IPv6 requires (address AND mask) == target. */
    private static boolean contains(ParsedRoute r, byte[] ip) {
        if (ip.length == 4) {
            if (r.bits == 0) return true;
            long mask = (0xffffffffL << (32 - Math.min(32, r.bits))) & 0xffffffffL;
            return (v4(ip) & mask) == (v4(r.target) & mask);
        }
        for (int i = 0; i < 16; i++) {
            int bitsHere = Math.max(0, Math.min(8, r.bits - 8 * i));
            int mask = bitsHere == 0 ? 0 : (0xff << (8 - bitsHere)) & 0xff;
            if (((ip[i] & 0xff) & mask) != (r.target[i] & 0xff)) return false;
        }
        return true;
    }

    private static List<ParsedRoute> parseRoutes(List<Route> routes) {
        List<ParsedRoute> out = new ArrayList<>();
        for (Route r : routes) {
            IpNetworkPrefix t = IpPrefixes.parse(r.target());
            if (t == null) continue;
            int bits = Math.max(0, Math.min(t.ip().length * 8, t.bits()));
            out.add(new ParsedRoute(t.ip(), bits, r.via() != null && parseIp(r.via()) != null));
        }
        return out;
    }

    private static byte[] parseIp(String s) {
        IpNetworkPrefix p = IpPrefixes.parse(s);
        return p == null ? null : p.ip();
    }

    private static long v4(byte[] b) {
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }

    private static long half(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[off + i] & 0xffL);
        return v;
    }

    private static void putHalf(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
