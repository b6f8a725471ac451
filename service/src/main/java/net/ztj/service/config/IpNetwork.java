package net.ztj.service.config;

import net.ztj.core.wire.IpText;

import java.util.Arrays;
import java.util.Optional;

/**
 * An {@code ip/bits} value as ZeroTier parses and matches it (its InetAddress with the bits in the port field).
 *
 * <p>Parsing (spec 05, address text forms): everything after the first {@code /} is a decimal number (its leading
 * digits, masked to 16 bits); the part before is IPv6 if it contains {@code :}, IPv4 if it contains {@code .}.
 *
 * <p>Containment keeps the reference's quirks (spec 05 §5.3): an IPv4 network compares only the first
 * {@code bits} bits, so {@code 10.1.2.3} without bits (= /0) contains every IPv4 address; an IPv6 network compares
 * the <em>masked</em> candidate with its own address <em>unmasked</em>, so an IPv6 entry with host bits set contains
 * nothing.
 *
 * @param ip   4 or 16 bytes
 * @param bits the prefix length as written (may exceed the address width)
 */
public record IpNetwork(byte[] ip, int bits) {
    public IpNetwork {
        ip = ip.clone();
    }

    /** Parses {@code ip[/bits]}; empty if the text is no IP address. */
    public static Optional<IpNetwork> parse(String text) {
        int slash = text.indexOf('/');
        String host = slash >= 0 ? text.substring(0, slash) : text;
        int bits = 0;
        if (slash >= 0) {
            String tail = text.substring(slash + 1);
            for (int i = 0; i < tail.length() && Character.isDigit(tail.charAt(i)); i++) {
                bits = (bits * 10 + (tail.charAt(i) - '0')) & 0xffff;
            }
        }
        if (!host.contains(":") && !host.contains(".")) return Optional.empty();
        try {
            return Optional.of(new IpNetwork(IpText.parse(host), bits));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the address (4 or 16 bytes) lies in this network, by the reference's rules. */
    public boolean contains(byte[] address) {
        if (address.length != ip.length) return false;
        if (ip.length == 4) {
            int n = Math.min(bits, 32);
            if (n == 0) return true;
            long a = toLong(address) >>> (32 - n), b = toLong(ip) >>> (32 - n);
            return a == b;
        }
        int n = Math.min(bits, 128);
        for (int i = 0; i < 16; i++) {
            int maskBits = Math.max(0, Math.min(8, n - 8 * i));
            int mask = (0xff << (8 - maskBits)) & 0xff;
            if ((address[i] & mask) != (ip[i] & 0xff)) return false;
        }
        return true;
    }

    private static long toLong(byte[] v4) {
        return ((v4[0] & 0xffL) << 24) | ((v4[1] & 0xffL) << 16) | ((v4[2] & 0xffL) << 8) | (v4[3] & 0xffL);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpNetwork n && bits == n.bits && Arrays.equals(ip, n.ip);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ip) * 31 + bits;
    }

    @Override
    public String toString() {
        return IpText.format(ip) + "/" + bits;
    }
}
