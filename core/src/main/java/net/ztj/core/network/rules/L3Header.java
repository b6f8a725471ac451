package net.ztj.core.network.rules;

/**
 * Reads the few L3/L4 fields the match rules look at (spec 03 §9.5), without allocating: IPv4 header length,
 * the IPv6 extension-header walk to the upper-layer protocol, and big-endian reads.
 */
final class L3Header {
    private L3Header() {}

    /** Result of the IPv6 walk: protocol in the high 32 bits, L4 offset in the low ones; -1 = invalid. */
    static long ipv6Upper(byte[] p) {
        int len = p.length;
        if (len < 40) return -1;
        int next = p[6] & 0xff;
        int pos = 40;
        while (pos <= len) {
            switch (next) {
                case 0, 43, 60, 135 -> {
                    if (pos + 1 >= len) return -1;
                    next = p[pos] & 0xff;
                    pos += 8 * (p[pos + 1] & 0xff) + 8;
                }
                default -> {
                    return ((long) next << 32) | pos;
                }
            }
        }
        return -1;
    }

    static int protocolOf(long walk) {
        return (int) (walk >>> 32);
    }

    static int offsetOf(long walk) {
        return (int) walk;
    }

    static boolean isIpv4(RuleFrame f) {
        return f.ethertype() == RuleFrame.ETHERTYPE_IPV4 && f.length() >= 20;
    }

    static boolean isIpv6(RuleFrame f) {
        return f.ethertype() == RuleFrame.ETHERTYPE_IPV6 && f.length() >= 40;
    }

    static int ipv4HeaderLength(byte[] p) {
        return 4 * (p[0] & 0x0f);
    }

    static int u8(byte[] p, int at) {
        return p[at] & 0xff;
    }

    static int u16(byte[] p, int at) {
        return ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
    }

    static int i32(byte[] p, int at) {
        return (u16(p, at) << 16) | u16(p, at + 2);
    }
}
