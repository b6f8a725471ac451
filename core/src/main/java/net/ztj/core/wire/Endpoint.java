package net.ztj.core.wire;

import java.util.Arrays;

/**
 * A physical IP endpoint (IPv4 or IPv6 address and UDP port) as the core sees it; the core does not use
 * {@code java.net}. Serialized in ZeroTier's InetAddress form (spec 02 §7.1).
 */
public final class Endpoint implements Comparable<Endpoint> {
    /** IP scopes with ZeroTier's numbering (its InetAddress::IpScope). */
    public enum Scope {
        NONE(0), MULTICAST(1), LOOPBACK(2), PSEUDOPRIVATE(3), GLOBAL(4), LINK_LOCAL(5), SHARED(6), PRIVATE(7);

        public final int code;

        Scope(int code) {
            this.code = code;
        }
    }

    private final byte[] ip; // 4 or 16 bytes
    private final int port;

    private Endpoint(byte[] ip, int port) {
        this.ip = ip;
        this.port = port;
    }

    /** @param ip 4 or 16 bytes (copied); @param port 0..65535 */
    public static Endpoint of(byte[] ip, int port) {
        if (ip.length != 4 && ip.length != 16) throw new IllegalArgumentException("IP address must be 4 or 16 bytes");
        if (port < 0 || port > 0xffff) throw new IllegalArgumentException("port out of range");
        return new Endpoint(ip.clone(), port);
    }

    /** Parses {@code ip/port} (ZeroTier's text form) or {@code ip:port} for IPv4. */
    public static Endpoint parse(String text) {
        int slash = text.lastIndexOf('/');
        String host;
        int port;
        if (slash >= 0) {
            host = text.substring(0, slash);
            port = Integer.parseInt(text.substring(slash + 1));
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') > 0) {
            host = text.substring(0, text.indexOf(':'));
            port = Integer.parseInt(text.substring(text.indexOf(':') + 1));
        } else {
            throw new IllegalArgumentException("not an endpoint: " + text);
        }
        return of(IpText.parse(host), port);
    }

    public boolean isV4() {
        return ip.length == 4;
    }

    public boolean isV6() {
        return ip.length == 16;
    }

    /** A copy of the address bytes. */
    public byte[] ip() {
        return ip.clone();
    }

    public int port() {
        return port;
    }

    /** The same address with another port. */
    public Endpoint withPort(int newPort) {
        return of(ip, newPort);
    }

    /** Whether both have the same IP address (ports may differ). */
    public boolean sameIp(Endpoint o) {
        return Arrays.equals(ip, o.ip);
    }

    /** ZeroTier's IP scope classification (spec 02 §11.3). */
    public Scope scope() {
        return IpText.scope(ip);
    }

    /** Serialized length in the InetAddress form. */
    public int serializedLength() {
        return ip.length == 4 ? 7 : 19;
    }

    /** Writes the InetAddress form. */
    public void writeTo(ByteWriter w) {
        w.u8(ip.length == 4 ? 0x04 : 0x06).bytes(ip).u16(port);
    }

    /** Writes {@code 0x00} for "no address" or the endpoint. */
    public static void write(ByteWriter w, Endpoint e) {
        if (e == null) w.u8(0);
        else e.writeTo(w);
    }

    /**
     * Reads an InetAddress: returns null for type 0 and for the reserved types 1, 2 and 3 (skipped by length).
     *
     * @throws MalformedException for an unknown type or truncation
     */
    public static Endpoint read(ByteReader r) {
        int type = r.u8();
        switch (type) {
            case 0x00:
                return null;
            case 0x04: {
                byte[] a = r.bytes(4);
                return new Endpoint(a, r.u16());
            }
            case 0x06: {
                byte[] a = r.bytes(16);
                return new Endpoint(a, r.u16());
            }
            case 0x01:
            case 0x02:
                r.skip(6);
                return null;
            case 0x03:
                r.skip(r.u16());
                return null;
            default:
                throw new MalformedException("bad InetAddress type " + type);
        }
    }

    /** ZeroTier's text form {@code ip/port}, IPv6 compressed as inet_ntop does. */
    @Override
    public String toString() {
        return IpText.format(ip) + "/" + port;
    }

    /** The IP address alone as text. */
    public String ipText() {
        return IpText.format(ip);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && port == e.port && Arrays.equals(ip, e.ip);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ip) * 31 + port;
    }

    @Override
    public int compareTo(Endpoint o) {
        int c = Integer.compare(ip.length, o.ip.length);
        if (c != 0) return c;
        c = Arrays.compareUnsigned(ip, o.ip);
        return c != 0 ? c : Integer.compare(port, o.port);
    }
}
