package net.ztj.tap;

import net.ztj.core.wire.IpText;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * An IP address with a prefix length, as the network configuration gives them ({@code 10.147.20.130/24}
 * for an assigned address, {@code 192.168.77.0/24} for a route target). The address keeps its host bits;
 * {@link #network()} clears them.
 */
public record IpPrefix(InetAddress address, int length) {
    /** @throws IllegalArgumentException if {@code length} is outside 0..32 (IPv4) or 0..128 (IPv6) */
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int max = address.getAddress().length * 8;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length must be 0.." + max + ": " + length);
        }
    }

    /**
     * Parses a literal {@code a.b.c.d/n} or {@code v6/n} without any name lookup.
     *
     * @throws IllegalArgumentException if {@code text} is not such a literal
     */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("not an address/length: \"" + text + "\"");
        }
        String ip = text.substring(0, slash);
        boolean v4 = ip.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!v4 && (ip.indexOf(':') < 0 || !ip.matches("[0-9a-fA-F:.]+"))) {
            throw new IllegalArgumentException("not an IP literal: \"" + text + "\"");
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
            return new IpPrefix(InetAddress.getByName(ip), length);
        } catch (NumberFormatException | UnknownHostException e) {
            throw new IllegalArgumentException("not an address/length: \"" + text + "\"", e);
        }
    }

    /** Whether the address is IPv6. */
    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** 32 or 128. */
    public int maxLength() {
        return address instanceof Inet4Address ? 32 : 128;
    }

    /** A default route target ({@code 0.0.0.0/0} or {@code ::/0}). */
    public boolean isDefault() {
        return length == 0;
    }

    /** This prefix with the host bits of the address cleared. */
    public IpPrefix network() {
        return new IpPrefix(addressOf(masked(address.getAddress(), length, false)), length);
    }

    /** The IPv4 subnet broadcast address (host bits set), e.g. 10.147.20.255 for 10.147.20.130/24. */
    public InetAddress broadcast() {
        if (isIpv6()) {
            throw new IllegalStateException("IPv6 has no broadcast address: " + this);
        }
        return addressOf(masked(address.getAddress(), length, true));
    }

    /**
     * What to install in the kernel for this route target (spec 05 §8.6): a default route becomes its two
     * halves ({@code 0.0.0.0/1} and {@code 128.0.0.0/1}, or {@code ::/1} and {@code 8000::/1}) so it
     * overrides an existing default without replacing it; anything else is its {@link #network()}.
     */
    public List<IpPrefix> kernelRouteTargets() {
        if (!isDefault()) {
            return List.of(network());
        }
        byte[] low = new byte[address.getAddress().length];
        byte[] high = low.clone();
        high[0] = (byte) 0x80;
        return List.of(new IpPrefix(addressOf(low), 1), new IpPrefix(addressOf(high), 1));
    }

    static byte[] masked(byte[] bytes, int prefixLength, boolean setHostBits) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsInByte = Math.clamp(prefixLength - 8L * i, 0, 8);
            int netMask = (0xff00 >> bitsInByte) & 0xff;
            out[i] = (byte) (setHostBits ? (out[i] | ~netMask) : (out[i] & netMask));
        }
        return out;
    }

    private static InetAddress addressOf(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only for a wrong length, which cannot happen here
        }
    }

    @Override
    public String toString() {
        return IpText.formatPrefix(address.getAddress(), length);
    }
}
