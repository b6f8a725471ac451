package net.ztj.core.network.rules;

import java.util.Arrays;

/**
 * One rule in its generic framing {@code [t 1][len 1][value len]} (spec 03 §9.3), undecoded: for code that
 * needs to walk or copy a rule list (capabilities, the config dictionary) without interpreting it.
 *
 * @param t     the whole type byte, NOT and OR bits included
 * @param value the value bytes
 */
public record RawRule(int t, byte[] value) {
    public RawRule {
        if (t < 0 || t > 0xff) throw new IllegalArgumentException("type byte out of range");
        if (value.length > 0xff) throw new IllegalArgumentException("value longer than 255 bytes");
        value = value.clone();
    }

    /** The type number without the NOT and OR bits. */
    public int type() {
        return t & RuleType.TYPE_MASK;
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRule r && r.t == t && Arrays.equals(r.value, value);
    }

    @Override
    public int hashCode() {
        return t * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RawRule[t=" + t + ", len=" + value.length + "]";
    }
}
