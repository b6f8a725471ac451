package net.ztj.cli.zerotiercli;

/** C's strtoul/strtoull as the reference uses them: leading blanks, optional sign, then digits; none gives 0. */
final class Numbers {
    private Numbers() {}

    /** Base 10, saturating at Long.MAX_VALUE (callers only compare with small limits). */
    static long leadingDecimal(String s) {
        int i = skipBlanks(s, 0);
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
        long v = 0;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            v = v > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : v * 10 + (s.charAt(i) - '0');
        }
        return negative && v != 0 ? Long.MAX_VALUE : v; // a negative value wraps to a huge unsigned one
    }

    /** Base 16 as an unsigned 64-bit value ({@code 0x} prefix allowed), as the reference's hexStrToU64. */
    static long leadingHex(String s) {
        int i = skipBlanks(s, 0);
        if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) i += 2;
        long v = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            int d = c <= 'f' ? Character.digit(c, 16) : -1;
            if (d < 0) break;
            v = (v << 4) | d;
        }
        return v;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }
}
