package net.ztj.core.network.rules;

import net.ztj.core.network.rules.Rule.*;
import net.ztj.core.wire.IpText;

/** Lenient readers of JSON tree values, as the reference controller reads rule fields (spec 04 §13). */
final class JsonValues {
    private JsonValues() {}

    /** A JSON boolean; numbers are true when non-zero, strings when "true" or "1"; anything else false. */
    static boolean bool(Object o) {
        return switch (o) {
            case Boolean b -> b;
            case Number n -> n.longValue() != 0;
            case String s -> s.equalsIgnoreCase("true") || s.equals("1");
            case null, default -> false;
        };
    }

    /** An integer from a number, a decimal string (its leading digits) or a boolean; otherwise 0. */
    static long integer(Object o) {
        return switch (o) {
            case Number n -> n.longValue();
            case Boolean b -> b ? 1 : 0;
            case String s -> leadingDigits(s.trim(), 10);
            case null, default -> 0;
        };
    }

    /** A number, or a hex string (with or without 0x). */
    static long numberOrHex(Object o) {
        if (o instanceof String s) return hexPrefix(s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s);
        return integer(o);
    }

    /** The value of the leading hex digits of a string; 0 if none or not a string. */
    static long hexPrefix(Object o) {
        return o instanceof String s ? leadingDigits(s.trim(), 16) : 0;
    }

    private static long leadingDigits(String s, int radix) {
        long v = 0;
        boolean negative = radix == 10 && s.startsWith("-");
        for (int i = negative ? 1 : 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0) break;
            v = v * radix + d;
        }
        return negative ? -v : v;
    }

    /** An IPv4/IPv6 match from {@code addr/bits} (bits clamped); null if the address does not parse. */
    static Rule ipRule(String type, boolean not, boolean or, Object ip) {
        if (!(ip instanceof String s)) return null;
        int slash = s.indexOf('/');
        byte[] a;
        try {
            a = IpText.parse(slash < 0 ? s : s.substring(0, slash));
        } catch (RuntimeException e) {
            return null;
        }
        if (a == null) return null;
        int bits = slash < 0 ? 0 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, leadingDigits(s.substring(slash + 1), 10)));
        boolean v6 = type.startsWith("MATCH_IPV6");
        if (v6 != (a.length == 16)) return null;
        if (!v6) {
            int addr = ((a[0] & 0xff) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
            bits = Math.min(bits, 32);
            return type.equals("MATCH_IPV4_SOURCE") ? new Ipv4Source(not, or, addr, bits) : new Ipv4Dest(not, or, addr, bits);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (a[i] & 0xff);
            lo = (lo << 8) | (a[8 + i] & 0xff);
        }
        bits = Math.min(bits, 128);
        return type.equals("MATCH_IPV6_SOURCE") ? new Ipv6Source(not, or, hi, lo, bits) : new Ipv6Dest(not, or, hi, lo, bits);
    }
}
