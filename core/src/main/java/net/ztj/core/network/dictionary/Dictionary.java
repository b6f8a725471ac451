package net.ztj.core.network.dictionary;

import net.ztj.core.identity.Address;
import net.ztj.core.wire.MalformedException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * ZeroTier's dictionary (spec 03 §7.4): LF-separated {@code key=value} entries with escaped values. It is kept
 * as its serialized bytes, exactly as 1.14 does, so that lookups reproduce 1.14's edge behaviour (CRLF lines,
 * first duplicate wins, lines without {@code =} never match, scanning stops at NUL) and serialization is
 * byte-identical. Not thread-safe; adds mutate it.
 */
public final class Dictionary {
    /** Capacity of a network-config dictionary in 64-bit Linux 1.14 builds (spec 03 §7.2.2). */
    public static final int NETWORK_CONFIG_CAPACITY = 484_520;
    /** Capacity of a config request metadata dictionary in 1.14 (ZT_NETWORKCONFIG_METADATA_DICT_CAPACITY). */
    public static final int METADATA_CAPACITY = 1024;

    private final int capacity;
    private byte[] buf;
    private int len;

    /** An empty dictionary whose serialized form may not exceed {@code capacity} bytes. */
    public Dictionary(int capacity) {
        if (capacity < 0) throw new IllegalArgumentException("negative capacity");
        this.capacity = capacity;
        this.buf = new byte[Math.min(capacity, 256)];
    }

    /** An empty dictionary bounded by {@link #NETWORK_CONFIG_CAPACITY}. */
    public Dictionary() {
        this(NETWORK_CONFIG_CAPACITY);
    }

    /**
     * Wraps received bytes. As in 1.14, everything from the first NUL on is ignored.
     *
     * @throws MalformedException if the bytes (up to a NUL) exceed the capacity
     */
    public static Dictionary parse(byte[] bytes, int capacity) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) n++;
        if (n > capacity) throw new MalformedException("dictionary over " + capacity + " bytes");
        Dictionary d = new Dictionary(capacity);
        d.buf = Arrays.copyOf(bytes, Math.max(n, 1));
        d.len = n;
        return d;
    }

    /** {@link #parse(byte[], int)} bounded by {@link #NETWORK_CONFIG_CAPACITY}. */
    public static Dictionary parse(byte[] bytes) {
        return parse(bytes, NETWORK_CONFIG_CAPACITY);
    }

    /** The serialized bytes (no terminator). */
    public byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    /** Serialized length in bytes. */
    public int size() {
        return len;
    }

    public int capacity() {
        return capacity;
    }

    // ---- encoding -------------------------------------------------------------------------------------------

    /**
     * Appends {@code key=escaped(value)}; a duplicate key is appended too (lookups see the first).
     *
     * @throws IllegalArgumentException if the key is empty or holds NUL, CR, LF or '='
     * @throws IllegalStateException    if the result would exceed the capacity (the dictionary is unchanged)
     */
    public Dictionary add(String key, byte[] value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        if (k.length == 0) throw new IllegalArgumentException("empty key");
        for (byte b : k) {
            if (b == 0 || b == '\r' || b == '\n' || b == '=') throw new IllegalArgumentException("bad key: " + key);
        }
        int need = (len > 0 ? 1 : 0) + k.length + 1;
        for (byte b : value) need += escaped(b) ? 2 : 1;
        if ((long) len + need > capacity) throw new IllegalStateException("dictionary capacity " + capacity + " exceeded");
        if (len + need > buf.length) buf = Arrays.copyOf(buf, Math.min(capacity, Math.max(len + need, buf.length * 2)));
        if (len > 0) buf[len++] = '\n';
        System.arraycopy(k, 0, buf, len, k.length);
        len += k.length;
        buf[len++] = '=';
        for (byte b : value) {
            switch (b) {
                case 0 -> { buf[len++] = '\\'; buf[len++] = '0'; }
                case '\r' -> { buf[len++] = '\\'; buf[len++] = 'r'; }
                case '\n' -> { buf[len++] = '\\'; buf[len++] = 'n'; }
                case '\\' -> { buf[len++] = '\\'; buf[len++] = '\\'; }
                case '=' -> { buf[len++] = '\\'; buf[len++] = 'e'; }
                default -> buf[len++] = b;
            }
        }
        return this;
    }

    private static boolean escaped(byte b) {
        return b == 0 || b == '\r' || b == '\n' || b == '\\' || b == '=';
    }

    /** Adds a text value, up to its first NUL as 1.14's C-string add does. */
    public Dictionary add(String key, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        int n = 0;
        while (n < v.length && v[n] != 0) n++;
        return add(key, n == v.length ? v : Arrays.copyOf(v, n));
    }

    /** Adds an unsigned 64-bit integer as exactly 16 lowercase hex digits. */
    public Dictionary addUnsigned(String key, long value) {
        return add(key, String.format("%016x", value));
    }

    /** Adds a signed integer 1.14's way: the magnitude as 16 hex digits, the sign lost (spec quirk). */
    public Dictionary addSigned(String key, long value) {
        return addUnsigned(key, value < 0 ? -value : value);
    }

    public Dictionary add(String key, boolean value) {
        return add(key, value ? "1" : "0");
    }

    /** Adds an address as 10 hex digits of text (as 1.14 does for {@code id} and {@code tt}). */
    public Dictionary add(String key, Address value) {
        return add(key, String.format("%010x", value.value()));
    }

    // ---- decoding -------------------------------------------------------------------------------------------

    /** The unescaped value of the first entry with this key, or null if there is none. */
    public byte[] get(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i < len) {
            // at a line start
            int j = 0;
            while (j < k.length && i + j < len && buf[i + j] == k[j]) j++;
            if (j == k.length && i + j < len && buf[i + j] == '=') return unescape(i + j + 1);
            while (i < len && buf[i] != '\r' && buf[i] != '\n') i++;
            i++; // each CR or LF ends a line; CRLF gives an empty line which matches nothing
        }
        return null;
    }

    private byte[] unescape(int from) {
        byte[] out = new byte[len - from];
        int n = 0;
        boolean esc = false;
        for (int i = from; i < len; i++) {
            byte c = buf[i];
            if (esc) {
                esc = false;
                out[n++] = switch (c) {
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    case '0' -> 0;
                    case 'e' -> '=';
                    default -> c;
                };
            } else if (c == '\\') {
                esc = true;
            } else if (c == '\r' || c == '\n') {
                break;
            } else {
                out[n++] = c;
            }
        }
        return Arrays.copyOf(out, n);
    }

    public boolean contains(String key) {
        return get(key) != null;
    }

    /** The value as text (UTF-8, stopping at an unescaped NUL as C code would), or the default if missing. */
    public String getString(String key, String dflt) {
        byte[] v = get(key);
        if (v == null) return dflt;
        int n = 0;
        while (n < v.length && v[n] != 0) n++;
        return new String(v, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * The value parsed as hexadecimal with C {@code strtoull(v, 16)} semantics (leading whitespace, optional sign
     * and {@code 0x}, stops at the first non-hex byte, saturates on overflow); the default if missing or empty.
     */
    public long getUnsigned(String key, long dflt) {
        byte[] v = get(key);
        if (v == null || v.length == 0) return dflt;
        return strtoull16(v);
    }

    /** Same parsing as {@link #getUnsigned}: 1.14 reads signed values with the same hex parser. */
    public long getSigned(String key, long dflt) {
        return getUnsigned(key, dflt);
    }

    /**
     * True iff the value begins with '1', 't' or 'T'; the default only if the key is missing (an empty value is
     * false, unlike the integer getters: 1.14 tests {@code get(...) >= 0} here and {@code >= 1} there).
     */
    public boolean getBoolean(String key, boolean dflt) {
        byte[] v = get(key);
        if (v == null) return dflt;
        if (v.length == 0) return false;
        return v[0] == '1' || v[0] == 't' || v[0] == 'T';
    }

    /** An address read as a hex integer (either 10- or 16-digit form); null if missing or empty. */
    public Address getAddress(String key) {
        byte[] v = get(key);
        if (v == null || v.length == 0) return null;
        return new Address(strtoull16(v) & 0xffffffffffL);
    }

    static long strtoull16(byte[] v) {
        int i = 0;
        while (i < v.length && (v[i] == ' ' || (v[i] >= 9 && v[i] <= 13))) i++;
        boolean neg = false;
        if (i < v.length && (v[i] == '+' || v[i] == '-')) neg = v[i++] == '-';
        // "0x" is a prefix only when a hex digit follows; otherwise the "0" is the number
        if (i + 2 < v.length && v[i] == '0' && (v[i + 1] | 0x20) == 'x' && Character.digit(v[i + 2], 16) >= 0) i += 2;
        long r = 0;
        boolean overflow = false;
        for (; i < v.length; i++) {
            int d = Character.digit(v[i], 16);
            if (d < 0 || v[i] < 0) break;
            if ((r >>> 60) != 0) overflow = true;
            r = (r << 4) | d;
        }
        if (overflow) return -1L;
        return neg ? -r : r;
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
    }
}
