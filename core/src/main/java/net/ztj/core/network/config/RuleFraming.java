package net.ztj.core.network.config;

import net.ztj.core.wire.MalformedException;

import java.util.Arrays;

/**
 * The {@code [type 1][len 1][value len]} framing of a binary rule list (spec 03 §9.3), enough to count rules and
 * apply the base-rule limit without decoding them (decoding belongs to the rules package).
 */
final class RuleFraming {
    static final int MAX_BASE_RULES = 1024;

    private RuleFraming() {
    }

    /**
     * The prefix of {@code rules} holding at most {@code max} rules.
     *
     * @throws MalformedException if a rule's value runs past the end
     */
    static byte[] limit(byte[] rules, int max) {
        int p = 0, n = 0;
        while (p < rules.length && n < max) {
            if (p + 2 > rules.length) throw new MalformedException("truncated rule header");
            int len = rules[p + 1] & 0xff;
            if (p + 2 + len > rules.length) throw new MalformedException("truncated rule value");
            p += 2 + len;
            n++;
        }
        return p == rules.length ? rules : Arrays.copyOf(rules, p);
    }

    /** Number of framed rules; assumes a blob already passed {@link #limit}. */
    static int count(byte[] rules) {
        int p = 0, n = 0;
        while (p + 2 <= rules.length) {
            p += 2 + (rules[p + 1] & 0xff);
            n++;
        }
        return n;
    }
}
