package net.ztj.core.network.addressing;

import net.ztj.core.identity.Address;

/**
 * A 64-bit network ID (spec 03 §1.1): the top 40 bits name the controller that configures the network and signs
 * its credentials, the low 24 bits are the controller's network number.
 */
public record NetworkId(long value) implements Comparable<NetworkId> {
    /** The address of this network's controller ({@code nwid >> 24}). */
    public Address controller() {
        return new Address(value >>> 24);
    }

    /** Whether the top byte is 0xff: an ad-hoc network configured locally, never requested (spec 03 §1.2). */
    public boolean isAdHoc() {
        return (value >>> 56) == 0xff;
    }

    /**
     * Parses 1 to 16 hex digits, either case.
     *
     * @throws IllegalArgumentException if the text is not a network ID
     */
    public static NetworkId parse(String text) {
        if (text.isEmpty() || text.length() > 16) throw new IllegalArgumentException("bad network ID: " + text);
        try {
            return new NetworkId(Long.parseUnsignedLong(text, 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad network ID: " + text, e);
        }
    }

    // equals and hashCode written out, as in ComQualifier: no invokedynamic to link on a packet path's first use
    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkId n && value == n.value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public int compareTo(NetworkId o) {
        return Long.compareUnsigned(value, o.value);
    }

    /** 16 lowercase hex digits, zero-padded. */
    @Override
    public String toString() {
        return String.format("%016x", value);
    }
}
