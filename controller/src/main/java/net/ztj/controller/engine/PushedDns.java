package net.ztj.controller.engine;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.core.identity.Address;
import net.ztj.core.network.config.DnsConfig;
import net.ztj.core.network.config.IpNetworkPrefix;
import net.ztj.core.wire.IpText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The DNS settings a controller pushes (spec 04 §4, the {@code DNS} blob of spec 03 §7.6.3), read from the network's
 * {@code dns} object as ZeroTier One 1.14 reads it, so that the blob is the same byte for byte: the domain is the
 * value as text (a number as its digits, a boolean as 1 or 0, anything else empty), and server slot {@code j} comes
 * from the {@code j}-th entry of {@code servers}, {@code "ip"} or {@code "ip/port"}; an entry that is no address
 * leaves its slot empty, and entries past the fourth are not read.
 */
public final class PushedDns {
    private PushedDns() {}

    /** The blob for a network's {@code dns} value (an object, or anything else for none). */
    public static DnsConfig fromJson(JsonNode dns) {
        if (dns == null || !dns.isObject()) return DnsConfig.NONE;
        String domain = truncate(text(dns.get("domain")), DnsConfig.DOMAIN_FIELD);
        List<IpNetworkPrefix> slots = new ArrayList<>();
        JsonNode servers = dns.get("servers");
        if (servers != null && servers.isArray()) {
            for (int j = 0; j < servers.size() && j < DnsConfig.MAX_SERVERS; j++) slots.add(server(text(servers.get(j))));
        }
        return new DnsConfig(domain, slots);
    }

    /**
     * The network's DNS settings with the servers filled with the given node's managed addresses in the network
     * (IPv4 first, at most four) when the network has a domain and no servers: the controller's own node answers
     * for the domain when it is a member of its network. Unchanged otherwise, and when the node is not an
     * authorized member with managed addresses.
     */
    public static DnsConfig withOwnServers(DnsConfig pushed, NetworkRecord net, MemberRecord self, long networkId) {
        if (pushed.domain().isEmpty() || !pushed.slots().isEmpty() || self == null || !self.authorized()) return pushed;
        List<IpNetworkPrefix> own = new ArrayList<>();
        for (String a : IpAssignment.managedAddresses(net, self, networkId, Address.parse(self.address()))) {
            IpNetworkPrefix p = IpPrefixes.parse(a);
            if (p != null) own.add(new IpNetworkPrefix(p.ip(), 0));
        }
        own.sort(Comparator.comparingInt(p -> p.ip().length)); // stable: IPv4 first, each family in config order
        if (own.isEmpty()) return pushed;
        return new DnsConfig(pushed.domain(), own.subList(0, Math.min(own.size(), DnsConfig.MAX_SERVERS)));
    }

    /** ZeroTier One's reading of a JSON value as text. */
    private static String text(JsonNode v) {
        if (v == null) return "";
        if (v.isTextual()) return v.textValue();
        if (v.isNumber()) return Long.toUnsignedString(v.isIntegralNumber() ? v.longValue() : (long) v.doubleValue());
        if (v.isBoolean()) return v.booleanValue() ? "1" : "0";
        return "";
    }

    /**
     * {@code "ip"} or {@code "ip/port"} as ZeroTier One's InetAddress reads it: text with a colon is IPv6, else
     * text with a dot is IPv4 (all zeros when it does not parse), anything else, or text of 64 bytes or more, no
     * address. The port is the number after the slash (its leading digits), modulo 65536.
     */
    static IpNetworkPrefix server(String text) {
        if (text.isEmpty() || text.getBytes(StandardCharsets.UTF_8).length >= 64) return null;
        int slash = text.indexOf('/');
        String ip = slash < 0 ? text : text.substring(0, slash);
        int port = slash < 0 ? 0 : (int) (leadingNumber(text.substring(slash + 1)) & 0xffff);
        if (ip.indexOf(':') >= 0) return new IpNetworkPrefix(parseOrZero(ip, 16), port);
        if (ip.indexOf('.') >= 0) return new IpNetworkPrefix(parseOrZero(ip, 4), port);
        return null;
    }

    private static byte[] parseOrZero(String ip, int length) {
        try {
            byte[] b = IpText.parse(ip);
            return b.length == length ? b : new byte[length];
        } catch (IllegalArgumentException e) {
            return new byte[length];
        }
    }

    /** strtoul's reading in base 10: leading blanks, an optional sign, then digits; 0 without any. */
    private static long leadingNumber(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
        long v = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') v = v * 10 + (s.charAt(i++) - '0');
        return negative ? -v : v;
    }

    private static String truncate(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) return s;
        int end = maxBytes;
        while (end > 0 && (b[end] & 0xc0) == 0x80) end--; // not inside a character
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}
