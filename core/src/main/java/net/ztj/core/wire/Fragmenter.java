package net.ztj.core.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static net.ztj.core.wire.PacketHeader.FRAGMENT_HEADER_LENGTH;
import static net.ztj.core.wire.PacketHeader.FRAGMENT_INDICATOR;
import static net.ztj.core.wire.PacketHeader.IDX_FRAGMENT_HOPS;
import static net.ztj.core.wire.PacketHeader.IDX_FRAGMENT_INDICATOR;
import static net.ztj.core.wire.PacketHeader.IDX_FRAGMENT_NO;
import static net.ztj.core.wire.PacketHeader.MAX_FRAGMENTS;
import static net.ztj.core.wire.PacketHeader.MIN_LENGTH;

/**
 * Splits an armored packet into datagrams for a physical MTU (spec 02 §3.2): a head with the packet's first
 * {@code mtu} bytes, then fragments of a 16-byte header and at most {@code mtu - 16} further bytes each. Never
 * more than {@link PacketHeader#MAX_FRAGMENTS} datagrams, since 1.14 receivers discard anything beyond. The
 * fragmented flag is authenticated, so {@link #markFragmented} must run before armoring.
 */
public final class Fragmenter {
    private Fragmenter() {}

    /** Number of datagrams a packet of {@code len} bytes needs at this MTU (1 if it fits). */
    public static int datagramCount(int len, int mtu) {
        checkMtu(mtu);
        if (len <= mtu) return 1;
        int chunk = mtu - FRAGMENT_HEADER_LENGTH;
        return 1 + (len - mtu + chunk - 1) / chunk;
    }

    /** Longest packet that fits {@link PacketHeader#MAX_FRAGMENTS} datagrams at this MTU (9928 at 1432). */
    public static int maxPacketLength(int mtu) {
        checkMtu(mtu);
        return mtu + (MAX_FRAGMENTS - 1) * (mtu - FRAGMENT_HEADER_LENGTH);
    }

    /**
     * Sets the fragmented flag of an unarmored packet iff it is longer than the MTU (armoring does not change the
     * length); returns whether it will be fragmented.
     *
     * @throws IllegalArgumentException if the packet would need more than 7 datagrams
     */
    public static boolean markFragmented(byte[] pkt, int len, int mtu) {
        int n = datagramCount(len, mtu);
        if (n > MAX_FRAGMENTS) throw new IllegalArgumentException(len + "-byte packet needs " + n + " datagrams");
        PacketHeader.setFragmented(pkt, n > 1);
        return n > 1;
    }

    /**
     * Splits the armored packet {@code pkt[0..len)} into the datagrams to send, head first; a packet that fits is
     * returned as one datagram.
     *
     * @throws IllegalArgumentException if it needs more than 7 datagrams, or needs several but its fragmented
     *                                  flag was not set before armoring
     */
    public static List<byte[]> split(byte[] pkt, int len, int mtu) {
        int n = datagramCount(len, mtu);
        if (n > MAX_FRAGMENTS) throw new IllegalArgumentException(len + "-byte packet needs " + n + " datagrams");
        if (n > 1 && !PacketHeader.isFragmented(pkt)) {
            throw new IllegalArgumentException("fragmented flag must be set before armoring");
        }
        List<byte[]> out = new ArrayList<>(n);
        out.add(Arrays.copyOf(pkt, Math.min(len, mtu)));
        for (int k = 1; k < n; k++) {
            byte[] d = new byte[fragmentLength(len, mtu, k)];
            writeFragment(pkt, len, mtu, k, d, 0);
            out.add(d);
        }
        return out;
    }

    /** Length of datagram {@code k} (1-based fragment number) of a packet of {@code len} bytes. */
    public static int fragmentLength(int len, int mtu, int k) {
        int chunk = mtu - FRAGMENT_HEADER_LENGTH;
        int start = mtu + (k - 1) * chunk;
        if (k < 1 || start >= len) throw new IllegalArgumentException("no fragment " + k);
        return FRAGMENT_HEADER_LENGTH + Math.min(chunk, len - start);
    }

    /**
     * Writes fragment {@code k} (1..count-1) of the armored packet into {@code out[outOff..]}, for senders that
     * reuse one datagram buffer; returns its length.
     */
    public static int writeFragment(byte[] pkt, int len, int mtu, int k, byte[] out, int outOff) {
        int total = datagramCount(len, mtu);
        if (total > MAX_FRAGMENTS) {
            throw new IllegalArgumentException(len + "-byte packet needs " + total + " datagrams");
        }
        int dlen = fragmentLength(len, mtu, k);
        int start = mtu + (k - 1) * (mtu - FRAGMENT_HEADER_LENGTH);
        return write(pkt, start, dlen - FRAGMENT_HEADER_LENGTH, total, k, out, outOff);
    }

    /** Writes fragment {@code k} of {@code total} carrying {@code pkt[start..start+payload)}; returns its length. */
    private static int write(byte[] pkt, int start, int payload, int total, int k, byte[] out, int outOff) {
        System.arraycopy(pkt, 0, out, outOff, IDX_FRAGMENT_INDICATOR); // packet ID and destination
        out[outOff + IDX_FRAGMENT_INDICATOR] = (byte) FRAGMENT_INDICATOR;
        out[outOff + IDX_FRAGMENT_NO] = (byte) ((total << 4) | k);
        out[outOff + IDX_FRAGMENT_HOPS] = 0;
        System.arraycopy(pkt, start, out, outOff + FRAGMENT_HEADER_LENGTH, payload);
        return FRAGMENT_HEADER_LENGTH + payload;
    }

    /**
     * The head length of an even split: the packet cut into as many datagrams as {@link #split} makes
     * ({@link #datagramCount}), but all of one size, the last possibly shorter, rather than full ones and a short
     * tail. Receivers put fragments together whatever their sizes (spec 02 §3.3), and datagrams of one size let a
     * sender hand a run of them to the kernel as one segmented send. {@code len} if the packet fits one datagram.
     */
    public static int evenHeadLength(int len, int mtu) {
        int n = datagramCount(len, mtu);
        if (n == 1) return len;
        int onWire = len + (n - 1) * FRAGMENT_HEADER_LENGTH;
        return (onWire + n - 1) / n;
    }

    /**
     * Writes fragment {@code k} (1..count-1) of an even split ({@link #evenHeadLength}) of the armored packet
     * into {@code out[outOff..]}; returns its length. Every datagram is {@code head} bytes long but the last.
     */
    public static int writeEvenFragment(byte[] pkt, int len, int mtu, int k, byte[] out, int outOff) {
        int total = datagramCount(len, mtu);
        if (total > MAX_FRAGMENTS) {
            throw new IllegalArgumentException(len + "-byte packet needs " + total + " datagrams");
        }
        int head = evenHeadLength(len, mtu), chunk = head - FRAGMENT_HEADER_LENGTH;
        int start = head + (k - 1) * chunk;
        if (k < 1 || k >= total || start >= len) throw new IllegalArgumentException("no fragment " + k);
        return write(pkt, start, Math.min(chunk, len - start), total, k, out, outOff);
    }

    private static void checkMtu(int mtu) {
        if (mtu <= MIN_LENGTH) throw new IllegalArgumentException("MTU too small: " + mtu);
    }
}
