package net.ztj.transport.iface;

import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.IpText;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The local IP addresses worth advertising to peers, chosen with the rules spec 05 §9.2 uses for binding: an
 * address counts only if its interface name does not start with {@code lo}, {@code zt}, {@code tun}, {@code tap} or a
 * configured prefix, it is not an address of a ZeroTier interface, it is not an IPv6 privacy (temporary) address,
 * and its scope is private, pseudo-private, shared or global.
 *
 * <p>Interfaces come from {@link NetworkInterface}; the IPv6 "temporary" flag, which Java does not expose, from
 * {@code /proc/net/if_inet6} when it is readable.
 */
public final class LocalAddressScanner {
    private static final List<String> SKIPPED_PREFIXES = List.of("lo", "zt", "tun", "tap");
    private static final Set<Endpoint.Scope> USABLE_SCOPES =
            Set.of(Endpoint.Scope.PRIVATE, Endpoint.Scope.PSEUDOPRIVATE, Endpoint.Scope.SHARED, Endpoint.Scope.GLOBAL);
    private static final int IFA_F_TEMPORARY = 0x01;
    private static final Path IF_INET6 = Path.of("/proc/net/if_inet6");

    /** One address of one interface. */
    public record InterfaceIp(String interfaceName, byte[] ip) {}

    private LocalAddressScanner() {}

    /**
     * Scans the host's interfaces.
     *
     * @param prefixBlacklist further interface name prefixes to skip ({@code settings.interfacePrefixBlacklist})
     * @return the usable addresses (4 or 16 bytes each), IPv4 first, without duplicates
     */
    public static List<byte[]> scan(List<String> prefixBlacklist) {
        return select(interfaceIps(), temporaryIpv6(), prefixBlacklist);
    }

    /** The selection rules, apart from the host: testable with made-up interfaces. */
    public static List<byte[]> select(List<InterfaceIp> all, Set<String> temporaryIpv6Text, List<String> prefixBlacklist) {
        Set<String> ztIps = new HashSet<>();
        for (InterfaceIp a : all) {
            if (a.interfaceName().startsWith("zt")) ztIps.add(IpText.format(a.ip()));
        }
        Set<String> chosen = new LinkedHashSet<>();
        List<byte[]> v4 = new ArrayList<>(), v6 = new ArrayList<>();
        for (InterfaceIp a : all) {
            String text = IpText.format(a.ip());
            if (skippedName(a.interfaceName(), prefixBlacklist)) continue;
            if (ztIps.contains(text) || temporaryIpv6Text.contains(text)) continue;
            if (!USABLE_SCOPES.contains(IpText.scope(a.ip()))) continue;
            if (!chosen.add(text)) continue;
            (a.ip().length == 4 ? v4 : v6).add(a.ip().clone());
        }
        List<byte[]> out = new ArrayList<>(v4);
        out.addAll(v6);
        return out;
    }

    private static boolean skippedName(String name, List<String> prefixBlacklist) {
        for (String p : SKIPPED_PREFIXES) if (name.startsWith(p)) return true;
        for (String p : prefixBlacklist) if (!p.isEmpty() && name.startsWith(p)) return true;
        return false;
    }

    private static List<InterfaceIp> interfaceIps() {
        List<InterfaceIp> out = new ArrayList<>();
        List<NetworkInterface> interfaces;
        try {
            interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
        } catch (SocketException | NullPointerException e) {
            return out;
        }
        for (NetworkInterface nif : interfaces) {
            try {
                if (!nif.isUp()) continue;
            } catch (SocketException e) {
                continue;
            }
            String name = nif.getName();
            int alias = name.indexOf(':');
            String base = alias >= 0 ? name.substring(0, alias) : name;
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                out.add(new InterfaceIp(base, a.getAddress()));
            }
        }
        return out;
    }

    /** IPv6 addresses flagged temporary in /proc/net/if_inet6, as text; empty when the file cannot be read. */
    static Set<String> temporaryIpv6() {
        Set<String> out = new HashSet<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(IF_INET6);
        } catch (IOException | SecurityException e) {
            return out;
        }
        for (String line : lines) {
            parseTemporary(line, out);
        }
        return out;
    }

    /** Adds the address of one if_inet6 line ({@code addr ifindex prefixlen scope flags name}) if it is temporary. */
    static void parseTemporary(String line, Set<String> out) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 6 || f[0].length() != 32) return;
        int flags;
        try {
            flags = Integer.parseInt(f[4], 16);
        } catch (NumberFormatException e) {
            return;
        }
        if ((flags & IFA_F_TEMPORARY) == 0) return;
        byte[] ip = new byte[16];
        for (int i = 0; i < 16; i++) {
            int hi = Character.digit(f[0].charAt(2 * i), 16), lo = Character.digit(f[0].charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) return;
            ip[i] = (byte) ((hi << 4) | lo);
        }
        out.add(IpText.format(ip).toLowerCase(Locale.ROOT));
    }
}
