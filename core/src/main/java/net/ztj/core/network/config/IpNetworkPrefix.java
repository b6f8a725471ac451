package net.ztj.core.network.config;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.IpText;
import net.ztj.core.wire.MalformedException;

import java.util.Arrays;

/**
 * An IP address with ZeroTier's 16-bit "port" field (spec 03 §7.6.3): in routes and static IPs the field holds
 * the prefix length, in a route's gateway 0, in a DNS server slot the server's port. Serialized as ZeroTier's
 * InetAddress: {@code 04 ip4 port} or {@code 06 ip6 port}; a null address is the single byte {@code 00}.
 *
 * @param ip   4 or 16 address bytes (copied)
 * @param bits the port field: prefix bits, or a port for DNS servers
 */
public record IpNetworkPrefix(byte[] ip, int bits) {
    public IpNetworkPrefix {
        if (ip.length != 4 && ip.length != 16) throw new IllegalArgumentException("IP must be 4 or 16 bytes");
        if (bits < 0 || bits > 0xffff) throw new IllegalArgumentException("port field out of range");
        ip = ip.clone();
    }

    @Override
    public byte[] ip() {
        return ip.clone();
    }

    public boolean isV4() {
        return ip.length == 4;
    }

    /**
     * Reads one InetAddress; null for type 0 and for the reserved types 1, 2 and 3 (skipped as 1.14 does).
     *
     * @throws MalformedException on an unknown type byte or truncation
     */
    public static IpNetworkPrefix read(ByteReader r) {
        int type = r.u8();
        switch (type) {
            case 0:
                return null;
            case 4: {
                byte[] ip = r.bytes(4);
                return new IpNetworkPrefix(ip, r.u16());
            }
            case 6: {
                byte[] ip = r.bytes(16);
                return new IpNetworkPrefix(ip, r.u16());
            }
            case 1, 2:
                r.skip(6);
                return null;
            case 3:
                r.skip(r.u16());
                return null;
            default:
                throw new MalformedException("unknown InetAddress type " + type);
        }
    }

    /** Writes an InetAddress; null writes the single byte 0. */
    public static void write(ByteWriter w, IpNetworkPrefix a) {
        if (a == null) {
            w.u8(0);
            return;
        }
        w.u8(a.ip.length == 4 ? 4 : 6).bytes(a.ip).u16(a.bits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpNetworkPrefix p && p.bits == bits && Arrays.equals(p.ip, ip);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ip) * 31 + bits;
    }

    /** {@code ip/bits} in ZeroTier One's text (see {@link IpText#format}). */
    @Override
    public String toString() {
        return IpText.formatPrefix(ip, bits);
    }
}
