package net.ztj.service.dns;

import java.util.Locale;

/**
 * A member's name as a DNS label: lowercase letters, digits and hyphens; every other run of characters (spaces,
 * dots, underscores, accents) becomes one hyphen, hyphens at the ends are dropped and the label is cut to 63
 * characters. "Build Server #2" is {@code build-server-2}; a name with nothing left has no label.
 */
public final class MemberNames {
    /** Longest DNS label (RFC 1035 §2.3.4). */
    public static final int MAX_LABEL = 63;

    private MemberNames() {}

    /** The label for a member name, or empty when none can be made (null, blank, only punctuation). */
    public static String label(String name) {
        if (name == null) return "";
        StringBuilder b = new StringBuilder();
        boolean gap = false;
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && !b.isEmpty()) {
                    if (b.length() + 2 > MAX_LABEL) break; // no label ends with a hyphen
                    b.append('-');
                }
                if (b.length() >= MAX_LABEL) break;
                gap = false;
                b.append(c);
            } else {
                gap = true;
            }
        }
        return b.toString();
    }
}
