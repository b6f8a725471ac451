package net.ztj.controller.model;

/**
 * Canonical IP address and CIDR text for stored records: parses like inet_pton and renders like inet_ntop
 * (RFC 5952 for IPv6), which is how the reference re-renders routes, pools and assignments.
 */
final class IpText {
    private IpText() {}

    /** The 4 or 16 bytes of {@code text}, or null when it is no IP address. */
    static byte[] parse(String text) {
        try {
            return net.ztj.core.wire.IpText.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String format(byte[] ip) {
        return net.ztj.core.wire.IpText.format(ip);
    }

    /** {@code text} in canonical form, or null when it is no IP address. */
    static String canonical(String text) {
        byte[] ip = parse(text);
        return ip == null ? null : format(ip);
    }

    /**
     * {@code "ip/bits"} in canonical form; a missing {@code /bits} means 0 (as the reference's parser does).
     * Null when the address is invalid or the prefix is longer than the family allows.
     */
    static String canonicalCidr(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        byte[] ip = parse(addr);
        if (ip == null) return null;
        int bits = 0;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (bits < 0 || bits > ip.length * 8) return null;
        return format(ip) + "/" + bits;
    }
}
