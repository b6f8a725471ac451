package net.ztj.tap.offload;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071): the ones' complement sum of big-endian 16-bit words, as IPv4 headers, TCP and
 * UDP use it. Sums are kept unfolded in a {@code long} so regions can be added one after the other (each region
 * must start at an even distance from the first) and folded once at the end.
 */
public final class InetChecksum {
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int PROTOCOL_TCP = 6;

    private InetChecksum() {
    }

    /**
     * Adds {@code b[off..off+len)} to {@code acc} as big-endian 16-bit words (an odd last byte is the high half of
     * a word whose low half is zero). Fine for regions up to a few MiB before the sum could overflow.
     */
    public static long add(byte[] b, int off, int len, long acc) {
        int i = off, end = off + len;
        // 8 bytes at a time: the sum of the two 32-bit halves is congruent (mod 0xffff) to that of the four words
        for (; i + 8 <= end; i += 8) {
            long v = (long) BIG_ENDIAN_LONG.get(b, i);
            acc += (v >>> 32) + (v & 0xffff_ffffL);
        }
        for (; i + 2 <= end; i += 2) {
            acc += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            acc += (b[i] & 0xff) << 8;
        }
        return acc;
    }

    /** Folds an unfolded sum to 16 bits (not complemented). */
    public static int fold(long acc) {
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xffff) + (acc >>> 16);
        }
        return (int) acc;
    }

    /** The checksum to store: the complement of the folded sum. */
    public static int finish(long acc) {
        return ~fold(acc) & 0xffff;
    }

    /**
     * The unfolded sum of a TCP pseudo-header: source and destination address of the IP header at {@code ip}
     * (IPv4 when {@code ipv4}, else IPv6 without extension headers), protocol 6 and the TCP length.
     */
    public static long tcpPseudoHeader(byte[] b, int ip, boolean ipv4, int tcpLength) {
        long acc = ipv4 ? add(b, ip + 12, 8, 0) : add(b, ip + 8, 32, 0);
        return acc + PROTOCOL_TCP + tcpLength;
    }
}
