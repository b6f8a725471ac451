package net.ztj.core.wire;

/** IP address text (IPv4 dotted quad, IPv6 compressed as inet_ntop writes it) and ZeroTier's IP scope table, without java.net. */
public final class IpText {
    private IpText() {}

    /**
     * Formats 4 or 16 bytes as ZeroTier One prints an address (its InetAddress::toIpString, which is glibc's
     * inet_ntop): IPv4 as a dotted quad; IPv6 in lower-case hex without leading zeros, the first of the longest runs
     * of two or more zero groups written {@code ::}, and the last 32 bits as a dotted quad for IPv4-mapped
     * ({@code ::ffff:1.2.3.4}) and IPv4-compatible ({@code ::1.2.3.4}) addresses. This is the project's only IP
     * address formatter: every printed address goes through it.
     *
     * @throws IllegalArgumentException if {@code ip} is neither 4 nor 16 bytes long
     */
    public static String format(byte[] ip) {
        if (ip.length == 4) return dottedQuad(ip, 0);
        if (ip.length != 16) throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + ip.length);
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
        int runStart = -1, runLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > runLength) {
                runStart = i;
                runLength = j - i;
            }
            i = j;
        }
        if (runLength < 2) runStart = -1;
        // inet_ntop's embedded IPv4 rule: six leading zero groups, or five and then ffff
        boolean embeddedV4 = runStart == 0 && (runLength == 6 || (runLength == 5 && groups[5] == 0xffff));
        int hexGroups = embeddedV4 ? 6 : 8;
        StringBuilder out = new StringBuilder(46);
        for (int i = 0; i < hexGroups; i++) {
            if (i == runStart) {
                out.append("::");
                i += runLength - 1;
                continue;
            }
            if (i > 0 && i != runStart + runLength) out.append(':');
            out.append(Integer.toHexString(groups[i]));
        }
        if (embeddedV4) {
            if (out.charAt(out.length() - 1) != ':') out.append(':');
            out.append(dottedQuad(ip, 12));
        }
        return out.toString();
    }

    /** {@code ip/bits}, the address as {@link #format} writes it. */
    public static String formatPrefix(byte[] ip, int bits) {
        return format(ip) + "/" + bits;
    }

    private static String dottedQuad(byte[] ip, int at) {
        return (ip[at] & 0xff) + "." + (ip[at + 1] & 0xff) + "." + (ip[at + 2] & 0xff) + "." + (ip[at + 3] & 0xff);
    }

    /**
     * Parses IPv4 dotted quad or IPv6 text (with {@code ::} and an optional embedded IPv4 tail).
     *
     * @throws IllegalArgumentException if the text is no IP address
     */
    public static byte[] parse(String s) {
        if (s.indexOf(':') < 0) return parseV4(s);
        return parseV6(s);
    }

    private static byte[] parseV4(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + s);
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3 || !p[i].chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            int v = Integer.parseInt(p[i]);
            if (v > 255) throw new IllegalArgumentException("not an IPv4 address: " + s);
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s) {
        byte[] out = new byte[16];
        String head = s, tail = null;
        int dc = s.indexOf("::");
        if (dc >= 0) {
            if (s.indexOf("::", dc + 1) >= 0) throw new IllegalArgumentException("not an IPv6 address: " + s);
            head = s.substring(0, dc);
            tail = s.substring(dc + 2);
        }
        int[] hw = groups(head, s);
        int[] tw = tail == null ? new int[0] : groups(tail, s);
        if (tail == null && hw.length != 8) throw new IllegalArgumentException("not an IPv6 address: " + s);
        if (hw.length + tw.length > (tail == null ? 8 : 7)) throw new IllegalArgumentException("not an IPv6 address: " + s);
        for (int i = 0; i < hw.length; i++) {
            out[2 * i] = (byte) (hw[i] >>> 8);
            out[2 * i + 1] = (byte) hw[i];
        }
        for (int i = 0; i < tw.length; i++) {
            int k = 8 - tw.length + i;
            out[2 * k] = (byte) (tw[i] >>> 8);
            out[2 * k + 1] = (byte) tw[i];
        }
        return out;
    }

    private static int[] groups(String part, String whole) {
        if (part.isEmpty()) return new int[0];
        String[] g = part.split(":", -1);
        int extra = g[g.length - 1].contains(".") ? 1 : 0;
        int[] out = new int[g.length + extra];
        for (int i = 0; i < g.length; i++) {
            String x = g[i];
            if (i == g.length - 1 && x.contains(".")) {
                byte[] v4 = parseV4(x);
                out[i] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                out[i + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                break;
            }
            if (x.isEmpty() || x.length() > 4) throw new IllegalArgumentException("not an IPv6 address: " + whole);
            int v = 0;
            for (int k = 0; k < x.length(); k++) {
                int d = Character.digit(x.charAt(k), 16);
                if (d < 0) throw new IllegalArgumentException("not an IPv6 address: " + whole);
                v = (v << 4) | d;
            }
            out[i] = v;
        }
        return out;
    }

    /** ZeroTier's IP scope of an address (spec 02 §11.3). */
    public static Endpoint.Scope scope(byte[] ip) {
        if (ip.length == 4) {
            int a = ip[0] & 0xff, b = ip[1] & 0xff, c = ip[2] & 0xff;
            switch (a) {
                case 0x00: return Endpoint.Scope.NONE;
                case 0x06: case 0x0b: case 0x15: case 0x16: case 0x19: case 0x1a: case 0x1c: case 0x1d: case 0x1e:
                case 0x33: case 0x37: case 0x38:
                    return Endpoint.Scope.PSEUDOPRIVATE;
                case 0x0a: return Endpoint.Scope.PRIVATE;
                case 0x64: if ((b & 0xc0) == 0x40) return Endpoint.Scope.SHARED; break;
                case 0x7f: return Endpoint.Scope.LOOPBACK;
                case 0xa9: if (b == 0xfe) return Endpoint.Scope.LINK_LOCAL; break;
                case 0xac: if ((b & 0xf0) == 0x10) return Endpoint.Scope.PRIVATE; break;
                case 0xc0:
                    if (b == 0xa8) return Endpoint.Scope.PRIVATE;
                    if (b == 0x00 && c == 0x02) return Endpoint.Scope.PRIVATE;
                    break;
                case 0xc6:
                    if ((b & 0xfe) == 0x12) return Endpoint.Scope.PRIVATE;
                    if (b == 0x33 && c == 0x64) return Endpoint.Scope.PRIVATE;
                    break;
                case 0xcb: if (b == 0x00 && c == 0x71) return Endpoint.Scope.PRIVATE; break;
                case 0xff: return Endpoint.Scope.NONE;
                default: break;
            }
            if ((a & 0xf0) == 0xe0) return Endpoint.Scope.MULTICAST;
            if ((a & 0xf0) == 0xf0) return Endpoint.Scope.PSEUDOPRIVATE;
            return Endpoint.Scope.GLOBAL;
        }
        int a = ip[0] & 0xff, b = ip[1] & 0xff;
        if (a == 0xff) return Endpoint.Scope.MULTICAST;
        if (a == 0xfe && (b & 0xc0) == 0x80) {
            boolean loop = true;
            for (int i = 2; i < 15; i++) if (ip[i] != 0) loop = false;
            if (loop && ip[15] == 1) return Endpoint.Scope.LOOPBACK;
            return Endpoint.Scope.LINK_LOCAL;
        }
        if ((a & 0xfe) == 0xfc) return Endpoint.Scope.PRIVATE;
        boolean zeroTo9 = true;
        for (int i = 0; i < 10; i++) if (ip[i] != 0) zeroTo9 = false;
        if (zeroTo9) {
            if ((ip[10] & 0xff) == 0xff && (ip[11] & 0xff) == 0xff) {
                if ((ip[12] & 0xff) == 0x7f) return Endpoint.Scope.LOOPBACK;
                return scope(new byte[] {ip[12], ip[13], ip[14], ip[15]});
            }
            boolean zeroTo14 = true;
            for (int i = 10; i < 15; i++) if (ip[i] != 0) zeroTo14 = false;
            if (zeroTo14) {
                if (ip[15] == 1) return Endpoint.Scope.LOOPBACK;
                if (ip[15] == 0) return Endpoint.Scope.NONE;
            }
        }
        return Endpoint.Scope.GLOBAL;
    }
}
