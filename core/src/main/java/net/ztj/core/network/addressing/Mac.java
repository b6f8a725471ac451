package net.ztj.core.network.addressing;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/** A 48-bit Ethernet MAC address held in the low bits of a long, written {@code xx:xx:xx:xx:xx:xx}. */
public record Mac(long value) implements Comparable<Mac> {
    /** Bytes on the wire. */
    public static final int LENGTH = 6;
    /** ff:ff:ff:ff:ff:ff. */
    public static final Mac BROADCAST = new Mac(0xffffffffffffL);

    public Mac {
        if ((value & ~0xffffffffffffL) != 0) throw new IllegalArgumentException("MAC wider than 48 bits");
    }

    /** Whether the group bit (least significant bit of the first octet) is set. */
    public boolean isMulticast() {
        return isMulticast(value);
    }

    /** Whether the group bit of a MAC held in a long is set (the data path's form of {@link #isMulticast()}). */
    public static boolean isMulticast(long mac) {
        return (mac & 0x010000000000L) != 0;
    }

    public boolean isBroadcast() {
        return value == BROADCAST.value;
    }

    /** The most significant octet. */
    public int firstOctet() {
        return (int) (value >>> 40);
    }

    public static Mac fromBytes(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < LENGTH; i++) v = (v << 8) | (b[off + i] & 0xffL);
        return new Mac(v);
    }

    public static Mac read(ByteReader r) {
        return new Mac(r.u48());
    }

    public void write(ByteWriter w) {
        w.u48(value);
    }

    public byte[] toBytes() {
        byte[] b = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) b[i] = (byte) (value >>> (40 - 8 * i));
        return b;
    }

    /**
     * Parses six colon-separated hex octets.
     *
     * @throws IllegalArgumentException if the text is not a MAC
     */
    public static Mac parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != LENGTH) throw new IllegalArgumentException("bad MAC: " + text);
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2) throw new IllegalArgumentException("bad MAC: " + text);
            try {
                v = (v << 8) | Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad MAC: " + text, e);
            }
        }
        return new Mac(v);
    }

    @Override
    public int compareTo(Mac o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0) sb.append(':');
            sb.append(String.format("%02x", (value >>> (40 - 8 * i)) & 0xff));
        }
        return sb.toString();
    }
}
