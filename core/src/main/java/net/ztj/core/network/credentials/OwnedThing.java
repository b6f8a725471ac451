package net.ztj.core.network.credentials;

import net.ztj.core.network.addressing.Mac;
import net.ztj.core.wire.IpText;

import java.util.Arrays;

/**
 * One thing a certificate of ownership vouches for (spec 03 §8.5): a MAC (type 1), IPv4 (2) or IPv6 (3) address,
 * stored in a zero-padded 16-byte value of which only the type's significant bytes are compared.
 */
public record OwnedThing(int type, byte[] value) {
    public static final int MAC = 1;
    public static final int IPV4 = 2;
    public static final int IPV6 = 3;
    /** Bytes of a thing's value on the wire. */
    public static final int VALUE_LENGTH = 16;

    public OwnedThing {
        if ((type & ~0xff) != 0) throw new IllegalArgumentException("thing type " + type);
        if (value.length != VALUE_LENGTH) throw new IllegalArgumentException("thing value must be 16 bytes");
        value = value.clone();
    }

    public static OwnedThing mac(Mac mac) {
        return new OwnedThing(MAC, Arrays.copyOf(mac.toBytes(), VALUE_LENGTH));
    }

    /** An IPv4 (4 bytes) or IPv6 (16 bytes) address. */
    public static OwnedThing ip(byte[] ip) {
        if (ip.length == 4) return new OwnedThing(IPV4, Arrays.copyOf(ip, VALUE_LENGTH));
        if (ip.length == 16) return new OwnedThing(IPV6, ip);
        throw new IllegalArgumentException("IP address of " + ip.length + " bytes");
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** How many leading value bytes are significant for this type (16 for an unknown type). */
    public int significantLength() {
        return switch (type) {
            case MAC -> 6;
            case IPV4 -> 4;
            default -> VALUE_LENGTH;
        };
    }

    /** Whether {@code other} names the same thing: same type and equal significant bytes. */
    public boolean sameThing(OwnedThing other) {
        int n = significantLength();
        return type == other.type && Arrays.equals(value, 0, n, other.value, 0, n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OwnedThing t && type == t.type && Arrays.equals(value, t.value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return switch (type) {
            case MAC -> "mac " + Mac.fromBytes(value, 0);
            case IPV4 -> "ipv4 " + IpText.format(Arrays.copyOf(value, 4));
            case IPV6 -> "ipv6 " + IpText.format(value);
            default -> "thing " + type;
        };
    }
}
