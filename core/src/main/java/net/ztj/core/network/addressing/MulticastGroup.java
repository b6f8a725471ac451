package net.ztj.core.network.addressing;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * A multicast group (spec 03 §3.1): a multicast MAC plus a 32-bit "additional distinguishing information" value.
 * The ADI lets IPv4 ARP, which is broadcast on Ethernet, be sent only to the holder of the queried address.
 * Ordered by MAC then ADI, unsigned; on the wire {@code [MAC 6][ADI 4]}.
 */
public record MulticastGroup(Mac mac, long adi) implements Comparable<MulticastGroup> {
    /** Bytes on the wire. */
    public static final int LENGTH = 10;
    /** The Ethernet broadcast group (ADI 0). */
    public static final MulticastGroup BROADCAST = new MulticastGroup(Mac.BROADCAST, 0);

    public MulticastGroup {
        if ((adi & ~0xffffffffL) != 0) throw new IllegalArgumentException("ADI wider than 32 bits");
    }

    /**
     * The group an ARP request for {@code ip} is sent to: broadcast MAC with the IPv4 address as ADI, or for
     * 16 bytes the IPv6 solicited-node group {@code 33:33:ff:X13:X14:X15}.
     */
    public static MulticastGroup forAddressResolution(byte[] ip) {
        if (ip.length == 4) {
            long adi = ((ip[0] & 0xffL) << 24) | ((ip[1] & 0xffL) << 16) | ((ip[2] & 0xffL) << 8) | (ip[3] & 0xffL);
            return new MulticastGroup(Mac.BROADCAST, adi);
        }
        if (ip.length == 16) {
            long mac = 0x3333ff000000L | ((ip[13] & 0xffL) << 16) | ((ip[14] & 0xffL) << 8) | (ip[15] & 0xffL);
            return new MulticastGroup(new Mac(mac), 0);
        }
        throw new IllegalArgumentException("IP address of " + ip.length + " bytes");
    }

    public static MulticastGroup read(ByteReader r) {
        Mac mac = Mac.read(r);
        return new MulticastGroup(mac, r.u32());
    }

    public void write(ByteWriter w) {
        mac.write(w);
        w.u32(adi);
    }

    @Override
    public int compareTo(MulticastGroup o) {
        int c = mac.compareTo(o.mac);
        return c != 0 ? c : Long.compare(adi, o.adi);
    }

    @Override
    public String toString() {
        return mac + "/" + String.format("%08x", adi);
    }
}
