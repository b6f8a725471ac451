package net.ztj.core.node.multicast;

import net.ztj.core.node.network.ConfiguredNetwork;
import net.ztj.core.identity.Address;
import net.ztj.core.network.config.IpNetworkPrefix;

/**
 * IPv6 neighbour discovery emulation (spec 03 §3.4): a neighbour solicitation for an RFC4193 or 6PLANE address of
 * the network is answered locally with the advertisement its owner would send, since the owner's MAC follows from
 * the address. Pure.
 */
public final class NdpEmulation {
    private NdpEmulation() {}

    /** A synthesized neighbour advertisement: the owner's MAC and the IPv6 packet (Ethernet payload). */
    public record Advert(long sourceMac, byte[] packet) {}

    /**
     * @param data the Ethernet payload of an IPv6 multicast frame from the port
     * @return the advertisement to inject into the port, or null if the frame is not a solicitation we answer
     */
    public static Advert advertisement(ConfiguredNetwork net, Address self, byte[] data, int off, int len) {
        if (len < 40 + 8 + 16 || (data[off + 6] & 0xff) != 58 || (data[off + 40] & 0xff) != 135) return null;
        int t = off + 48;
        for (IpNetworkPrefix s : net.staticIps()) {
            byte[] ip = s.ip();
            if (ip.length != 16) continue;
            long owner = 0;
            if (s.bits() == 88 && (ip[0] & 0xff) == 0xfd && (ip[9] & 0xff) == 0x99 && (ip[10] & 0xff) == 0x93
                    && same(ip, data, t, 11)) {
                owner = Address.fromBytes(data, t + 11).value();
            } else if (s.bits() == 40 && (ip[0] & 0xff) == 0xfc && sixPlaneHashMatches(ip, net.networkIdValue())
                    && same(ip, data, t, 5)) {
                owner = Address.fromBytes(data, t + 5).value();
            }
            if (owner == 0) continue;
            if (owner == self.value()) return null;
            return new Advert(net.macOf(new Address(owner)), build(data, t, ip, net.macOf(new Address(owner))));
        }
        return null;
    }

    private static boolean sixPlaneHashMatches(byte[] ip, long nwid) {
        int h = (int) (nwid >>> 32) ^ (int) nwid;
        return ip[1] == (byte) (h >>> 24) && ip[2] == (byte) (h >>> 16) && ip[3] == (byte) (h >>> 8) && ip[4] == (byte) h;
    }

    private static boolean same(byte[] ip, byte[] data, int t, int n) {
        for (int i = 0; i < n; i++) if (ip[i] != data[t + i]) return false;
        return true;
    }

    /** IPv6 header (src = target, dst = our address) + ICMPv6 NA (S and O flags) + target link-layer option. */
    private static byte[] build(byte[] data, int target, byte[] ourIp, long ownerMac) {
        byte[] p = new byte[40 + 32];
        p[0] = 0x60;
        p[5] = 32; // payload length
        p[6] = 58; // ICMPv6
        p[7] = (byte) 255; // hop limit
        System.arraycopy(data, target, p, 8, 16);
        System.arraycopy(ourIp, 0, p, 24, 16);
        p[40] = (byte) 136;
        p[44] = 0x60; // solicited | override
        System.arraycopy(data, target, p, 48, 16);
        p[64] = 2; // target link-layer address
        p[65] = 1; // 8 bytes
        for (int i = 0; i < 6; i++) p[66 + i] = (byte) (ownerMac >>> (40 - 8 * i));
        int sum = checksum(p);
        p[42] = (byte) (sum >>> 8);
        p[43] = (byte) sum;
        return p;
    }

    /** The ICMPv6 checksum over the pseudo-header (addresses, length, next header) and the message. */
    public static int checksum(byte[] p) {
        long sum = 0;
        for (int i = 8; i < 40; i += 2) sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
        int icmpLen = p.length - 40;
        sum += icmpLen;
        sum += 58;
        for (int i = 40; i < p.length; i += 2) {
            int hi = p[i] & 0xff, lo = i + 1 < p.length ? p[i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (~sum & 0xffff);
    }
}
