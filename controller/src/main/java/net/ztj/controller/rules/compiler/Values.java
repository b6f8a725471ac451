package net.ztj.controller.rules.compiler;

import net.ztj.core.wire.IpText;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the values of the language strictly: a number is decimal digits or {@code 0x} and hex digits, addresses
 * are whole addresses. Where the reference compiler takes any text with a usable prefix (it reads {@code 12ab} as
 * 12 and {@code zz} as -1) these report an error at the word instead.
 */
final class Values {
    /** A value as written (after macro parameter substitution) and the word it came from, for positions. */
    record Arg(String text, SourceTree.Word at) {}

    static final long U32_MAX = 0xffffffffL;
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final Pattern PROBABILITY = Pattern.compile("([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern ZT_ADDRESS = Pattern.compile("[0-9a-fA-F]{10}");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}([:-]?[0-9a-fA-F]{2}){5}");
    private static final Pattern IP_TEXT = Pattern.compile("[0-9a-fA-F:.]+");

    private Values() {}

    /** A number, or -1 when the text is not one; values above 2^32 - 1 come back as {@link Long#MAX_VALUE}. */
    static long parseNumber(String text) {
        int radix;
        String digits;
        if (DECIMAL.matcher(text).matches()) {
            radix = 10;
            digits = text;
        } else if (HEX.matcher(text).matches()) {
            radix = 16;
            digits = text.substring(2);
        } else {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            v = v * radix + Character.digit(digits.charAt(i), radix);
            if (v > U32_MAX) return Long.MAX_VALUE;
        }
        return v;
    }

    /** A number from 0 to {@code max}. */
    static long number(Arg a, long max, String what) {
        long v = parseNumber(a.text());
        if (v < 0) throw new SourceError(a.at(), what + " must be a number (decimal or 0x hex), not " + SourceError.quote(a.text()));
        if (v > max) throw new SourceError(a.at(), what + " must be from 0 to " + max + ", not " + SourceError.quote(a.text()));
        return v;
    }

    /** A number or a name from {@code names} (matched ignoring case), from 0 to {@code max}. */
    static long numberOrName(Arg a, Map<String, Long> names, long max, String what) {
        Long named = names.get(a.text().toLowerCase(Locale.ROOT));
        if (named != null) return named;
        if (parseNumber(a.text()) < 0) {
            throw new SourceError(a.at(), what + " must be a number or one of " + new TreeSet<>(names.keySet())
                    + ", not " + SourceError.quote(a.text()));
        }
        return number(a, max, what);
    }

    /** {@code n} or {@code a-b} with a &le; b, each from 0 to {@code max}; returns {start, end}. */
    static long[] range(Arg a, long max, String what) {
        String t = a.text();
        int dash = t.indexOf('-');
        if (dash <= 0) {
            long v = number(a, max, what);
            return new long[] {v, v};
        }
        long start = number(new Arg(t.substring(0, dash), a.at()), max, what);
        long end = number(new Arg(t.substring(dash + 1), a.at()), max, what);
        if (end < start) throw new SourceError(a.at(), what + " range " + SourceError.quote(t) + " ends before it starts");
        return new long[] {start, end};
    }

    /** A probability from 0 to 1, as the unsigned 32-bit threshold ZeroTier compares a random number with. */
    static long probability(Arg a) {
        double p = PROBABILITY.matcher(a.text()).matches() ? Double.parseDouble(a.text()) : Double.NaN;
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new SourceError(a.at(), "a probability must be a number from 0 to 1, such as 0.25, not " + SourceError.quote(a.text()));
        }
        return (long) Math.floor(4294967295.0 * p);
    }

    /** A 10-digit ZeroTier address, as written. */
    static String ztAddress(Arg a, String what) {
        if (!ZT_ADDRESS.matcher(a.text()).matches()) {
            throw new SourceError(a.at(), what + " must be a ZeroTier address of 10 hex digits, not " + SourceError.quote(a.text()));
        }
        return a.text();
    }

    /** A MAC address (12 hex digits, optionally separated by : or -) in lower case with colons. */
    static String mac(Arg a) {
        if (!MAC.matcher(a.text()).matches()) {
            throw new SourceError(a.at(), "a MAC address must be 6 hex bytes such as 00:11:22:aa:bb:cc, not " + SourceError.quote(a.text()));
        }
        String hex = a.text().replace(":", "").replace("-", "").toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) out.append(':');
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    /** An IP address with its prefix length: true for IPv6, false for IPv4. */
    static boolean ipPrefixIsV6(Arg a) {
        String t = a.text();
        int slash = t.indexOf('/');
        if (slash <= 0) throw new SourceError(a.at(), "an IP address needs its /bits, such as 10.0.0.0/8, not " + SourceError.quote(t));
        String ip = t.substring(0, slash);
        byte[] bytes = null;
        if (IP_TEXT.matcher(ip).matches()) {
            try {
                bytes = IpText.parse(ip);
            } catch (IllegalArgumentException notIp) {
                bytes = null;
            }
        }
        if (bytes == null) throw new SourceError(a.at(), SourceError.quote(ip) + " is not an IPv4 or IPv6 address");
        String bits = t.substring(slash + 1);
        long max = bytes.length == 16 ? 128 : 32;
        long n = DECIMAL.matcher(bits).matches() ? parseNumber(bits) : -1;
        if (n < 0 || n > max) {
            throw new SourceError(a.at(), "the prefix length of " + SourceError.quote(ip) + " must be from 0 to " + max + ", not " + SourceError.quote(bits));
        }
        return bytes.length == 16;
    }
}
