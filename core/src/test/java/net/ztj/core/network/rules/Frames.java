package net.ztj.core.network.rules;

/** Small L3 payloads for rule tests: IPv4/IPv6 headers with TCP, UDP, ICMP, and ARP. */
final class Frames {
    private Frames() {}

    static byte[] tcp(int sport, int dport, int flags) {
        byte[] b = new byte[20];
        put16(b, 0, sport);
        put16(b, 2, dport);
        b[12] = (byte) (0x50 | ((flags >> 8) & 0x0f));
        b[13] = (byte) flags;
        return b;
    }

    static byte[] udp(int sport, int dport) {
        byte[] b = new byte[8];
        put16(b, 0, sport);
        put16(b, 2, dport);
        return b;
    }

    static byte[] icmp(int type, int code) {
        return new byte[] {(byte) type, (byte) code, 0, 0, 0, 0, 0, 0};
    }

    static byte[] ipv4(int protocol, int src, int dst, int tos, byte[] l4) {
        byte[] b = new byte[20 + l4.length];
        b[0] = 0x45;
        b[1] = (byte) tos;
        put16(b, 2, b.length);
        b[8] = 64;
        b[9] = (byte) protocol;
        put32(b, 12, src);
        put32(b, 16, dst);
        System.arraycopy(l4, 0, b, 20, l4.length);
        return b;
    }

    static byte[] ipv6(int nextHeader, byte[] src, byte[] dst, int trafficClass, byte[] l4) {
        byte[] b = new byte[40 + l4.length];
        b[0] = (byte) (0x60 | (trafficClass >> 4));
        b[1] = (byte) (trafficClass << 4);
        put16(b, 4, l4.length);
        b[6] = (byte) nextHeader;
        b[7] = 64;
        System.arraycopy(src, 0, b, 8, 16);
        System.arraycopy(dst, 0, b, 24, 16);
        System.arraycopy(l4, 0, b, 40, l4.length);
        return b;
    }

    /** An 8-byte IPv6 extension header (hop-by-hop, routing, ...) followed by {@code rest}. */
    static byte[] extension(int nextHeader, byte[] rest) {
        byte[] b = new byte[8 + rest.length];
        b[0] = (byte) nextHeader;
        System.arraycopy(rest, 0, b, 8, rest.length);
        return b;
    }

    static byte[] arp(int senderIp, int targetIp) {
        byte[] b = new byte[28];
        put16(b, 0, 1);
        put16(b, 2, 0x0800);
        b[4] = 6;
        b[5] = 4;
        put16(b, 6, 1);
        put32(b, 14, senderIp);
        put32(b, 24, targetIp);
        return b;
    }

    static byte[] v6(String hex32) {
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) b[i] = (byte) Integer.parseInt(hex32.substring(2 * i, 2 * i + 2), 16);
        return b;
    }

    static int v4(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
    }

    private static void put32(byte[] b, int at, int v) {
        put16(b, at, v >>> 16);
        put16(b, at + 2, v);
    }
}
