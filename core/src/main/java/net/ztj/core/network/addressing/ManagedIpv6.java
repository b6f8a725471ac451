package net.ztj.core.network.addressing;

import net.ztj.core.identity.Address;
import net.ztj.core.wire.IpText;

import java.util.Arrays;

/**
 * An IPv6 address a controller can assign from the network ID and node address alone (spec 03 §2.4): RFC4193
 * ({@code fd}, /88) or 6PLANE ({@code fc}, /40, each host owning a /80). Peers can compute each other's addresses,
 * which is what makes NDP emulation possible.
 */
public record ManagedIpv6(byte[] bytes, int prefixBits) {
    /** Prefix length of an RFC4193 assignment. */
    public static final int RFC4193_PREFIX_BITS = 88;
    /** Prefix length of a 6PLANE assignment. */
    public static final int SIXPLANE_PREFIX_BITS = 40;

    public ManagedIpv6 {
        if (bytes.length != 16) throw new IllegalArgumentException("IPv6 address of " + bytes.length + " bytes");
        bytes = bytes.clone();
    }

    /** {@code fd || nwid || 99 93 || address}, /88. */
    public static ManagedIpv6 rfc4193(NetworkId network, Address node) {
        byte[] b = new byte[16];
        b[0] = (byte) 0xfd;
        putBigEndian(b, 1, network.value(), 8);
        b[9] = (byte) 0x99;
        b[10] = (byte) 0x93;
        putBigEndian(b, 11, node.value(), 5);
        return new ManagedIpv6(b, RFC4193_PREFIX_BITS);
    }

    /** {@code fc || (low32(nwid) ^ high32(nwid)) || address || 0... || 01}, /40. */
    public static ManagedIpv6 sixPlane(NetworkId network, Address node) {
        long n = network.value();
        byte[] b = new byte[16];
        b[0] = (byte) 0xfc;
        putBigEndian(b, 1, (n ^ (n >>> 32)) & 0xffffffffL, 4);
        putBigEndian(b, 5, node.value(), 5);
        b[15] = 0x01;
        return new ManagedIpv6(b, SIXPLANE_PREFIX_BITS);
    }

    private static void putBigEndian(byte[] b, int off, long v, int len) {
        for (int i = 0; i < len; i++) b[off + i] = (byte) (v >>> (8 * (len - 1 - i)));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The address in compressed text form, without the prefix length. */
    public String addressText() {
        return IpText.format(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManagedIpv6 m && prefixBits == m.prefixBits && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + prefixBits;
    }

    /** {@code address/prefix}. */
    @Override
    public String toString() {
        return addressText() + "/" + prefixBits;
    }
}
