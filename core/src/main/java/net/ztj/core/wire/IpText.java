package net.ztj.core.wire;

/** IP address text (IPv4 dotted quad, RFC 5952 compressed IPv6) and ZeroTier's IP scope table, without java.net. */
public final class IpText {
    private IpText() {}

    /** Formats 4 or 16 bytes; IPv6 in the compressed lowercase form that inet_ntop produces. */
    public static String format(byte[] ip) {
        if (ip.length == 4) {
            return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) w[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
        // IPv4-mapped addresses are written ::ffff:a.b.c.d as inet_ntop does
        if (w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0xffff) {
            return "::ffff:" + (ip[12] & 0xff) + "." + (ip[13] & 0xff) + "." + (ip[14] & 0xff) + "." + (ip[15] & 0xff);
        }
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] == 0) {
                int j = i;
                while (j < 8 && w[j] == 0) j++;
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLen < 2) bestStart = -1;
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
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
