package net.ztj.core.wire;

/**
 * Unchecked big-endian reads and writes at an absolute index, for the in-place decoders and encoders of the data
 * path: the caller has checked the bounds (a {@link ByteReader} checks them for everyone else).
 */
public final class BigEndian {
    private BigEndian() {}

    public static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    public static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    /** An unsigned 32-bit value as a long. */
    public static long u32(byte[] b, int at) {
        return uN(b, at, 4);
    }

    /** A 40-bit value (addresses). */
    public static long u40(byte[] b, int at) {
        return uN(b, at, 5);
    }

    /** A 48-bit value (MAC addresses). */
    public static long u48(byte[] b, int at) {
        return uN(b, at, 6);
    }

    public static long u64(byte[] b, int at) {
        return uN(b, at, 8);
    }

    private static long uN(byte[] b, int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) v = (v << 8) | (b[at + i] & 0xffL);
        return v;
    }

    public static void putU16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    public static void putU48(byte[] b, int at, long v) {
        putN(b, at, 6, v);
    }

    public static void putU64(byte[] b, int at, long v) {
        putN(b, at, 8, v);
    }

    private static void putN(byte[] b, int at, int n, long v) {
        for (int i = 0; i < n; i++) b[at + i] = (byte) (v >>> (8 * (n - 1 - i)));
    }
}
