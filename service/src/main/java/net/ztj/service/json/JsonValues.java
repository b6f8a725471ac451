package net.ztj.service.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The reference's lenient reading of loosely typed JSON values (its OSUtils::jsonBool/jsonInt/jsonString), used for
 * local.conf settings (spec 05 §4.4) and by zerotier-cli for fields of API responses.
 */
public final class JsonValues {
    private JsonValues() {}

    /**
     * A boolean: {@code true}/{@code false}; a number (non-zero = true); a string (true iff its first character is
     * {@code t}, {@code T} or {@code 1}); anything else (absent, null, array, object) gives {@code dflt}.
     */
    public static boolean bool(JsonNode v, boolean dflt) {
        if (v == null) return dflt;
        if (v.isBoolean()) return v.booleanValue();
        if (v.isNumber()) return v.isIntegralNumber() ? v.bigIntegerValue().signum() != 0 : v.doubleValue() != 0;
        if (v.isTextual()) {
            String s = v.textValue();
            return !s.isEmpty() && (s.charAt(0) == 't' || s.charAt(0) == 'T' || s.charAt(0) == '1');
        }
        return dflt;
    }

    /**
     * An unsigned 64-bit integer (as a long): a number (truncated, wrapped to 64 bits); a string's leading decimal
     * digits as strtoull reads them (none: 0); a boolean as 1 or 0; anything else gives {@code dflt}.
     */
    public static long integer(JsonNode v, long dflt) {
        if (v == null) return dflt;
        if (v.isIntegralNumber()) return v.bigIntegerValue().longValue();
        if (v.isNumber()) return (long) v.doubleValue();
        if (v.isBoolean()) return v.booleanValue() ? 1 : 0;
        if (v.isTextual()) return leadingDecimal(v.textValue());
        return dflt;
    }

    /** Whether the lenient readers read the value rather than fall back to their default: a scalar other than null. */
    public static boolean isReadable(JsonNode v) {
        return v != null && (v.isNumber() || v.isBoolean() || v.isTextual());
    }

    /** Whether {@link #integer} reads a meaningful value: a number, a boolean or a string starting with a digit. */
    public static boolean isIntegerLike(JsonNode v) {
        if (v == null) return false;
        if (v.isNumber() || v.isBoolean()) return true;
        if (!v.isTextual()) return false;
        String s = v.textValue().strip();
        if (s.startsWith("+") || s.startsWith("-")) s = s.substring(1);
        return !s.isEmpty() && Character.isDigit(s.charAt(0));
    }

    /**
     * A string: a string as it is; an integer in unsigned decimal; a boolean as {@code 1}/{@code 0}; anything else
     * gives {@code dflt}.
     */
    public static String string(JsonNode v, String dflt) {
        if (v == null) return dflt;
        if (v.isTextual()) return v.textValue();
        if (v.isIntegralNumber()) return Long.toUnsignedString(v.bigIntegerValue().longValue());
        if (v.isNumber()) return Long.toUnsignedString((long) v.doubleValue());
        if (v.isBoolean()) return v.booleanValue() ? "1" : "0";
        return dflt;
    }

    /** strtoull(s, NULL, 10) as an unsigned 64-bit value in a long: leading blanks, optional sign, digits. */
    public static long leadingDecimal(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
        long v = 0;
        boolean overflow = false;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            int d = s.charAt(i) - '0';
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) overflow = true;
            v = v * 10 + d;
        }
        if (overflow) return -1L; // ULLONG_MAX
        return negative ? -v : v;
    }
}
