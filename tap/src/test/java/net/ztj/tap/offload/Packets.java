package net.ztj.tap.offload;

import java.nio.ByteBuffer;
import java.util.Random;

/** Builds Ethernet frames with IPv4/IPv6 and TCP headers for the offload tests, and checks them naively. */
public final class Packets {
    public static final byte[] SRC4 = {10, 1, 2, 3}, DST4 = {10, 1, 2, (byte) 200};
    public static final byte[] SRC6 = new byte[16], DST6 = new byte[16];

    static {
        SRC6[0] = (byte) 0xfd;
        SRC6[15] = 1;
        DST6[0] = (byte) 0xfd;
        DST6[15] = 2;
        DST6[7] = (byte) 0x99;
    }

    private Packets() {
    }

    /** Deterministic payload bytes. */
    public static byte[] payload(int len, long seed) {
        byte[] p = new byte[len];
        new Random(seed).nextBytes(p);
        return p;
    }

    /**
     * A frame: Ethernet, then IPv4 (with {@code ipOptions} 4-byte words of options) or IPv6, then TCP with
     * {@code tcpOptions} bytes of options (a multiple of 4), then the payload. Checksums valid.
     */
    public static byte[] tcpFrame(boolean ipv4, int ipOptions, int tcpOptions, int seq, int flags, int ipId, byte[] payload) {
        return tcpFrame(ipv4, ipOptions, tcpOptions, 40000, seq, flags, ipId, payload);
    }

    /** As {@link #tcpFrame(boolean, int, int, int, int, int, byte[])} from another source port (another flow). */
    public static byte[] tcpFrame(boolean ipv4, int ipOptions, int tcpOptions, int sourcePort, int seq, int flags, int ipId,
            byte[] payload) {
        int ipHeader = ipv4 ? 20 + 4 * ipOptions : 40;
        int tcpHeader = 20 + tcpOptions;
        ByteBuffer b = ByteBuffer.allocate(14 + ipHeader + tcpHeader + payload.length);
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
        b.putShort((short) (ipv4 ? 0x0800 : 0x86dd));
        int ip = b.position();
        if (ipv4) {
            b.put((byte) (0x40 | (ipHeader / 4))).put((byte) 0x10).putShort((short) (ipHeader + tcpHeader + payload.length));
            b.putShort((short) ipId).putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0);
            b.put(SRC4).put(DST4);
            for (int i = 0; i < ipOptions; i++) b.put(new byte[] {1, 1, 1, 1}); // NOPs
        } else {
            b.putInt(0x6001_2345).putShort((short) (tcpHeader + payload.length)).put((byte) 6).put((byte) 64);
            b.put(SRC6).put(DST6);
        }
        int tcp = b.position();
        b.putShort((short) sourcePort).putShort((short) 5201).putInt(seq).putInt(0x1122_3344);
        b.put((byte) ((tcpHeader / 4) << 4)).put((byte) flags).putShort((short) 501).putShort((short) 0).putShort((short) 0);
        for (int i = 0; i < tcpOptions; i++) b.put((byte) (i % 4 == 0 ? 8 : i)); // option bytes, any content
        b.put(payload);
        byte[] f = b.array();
        if (ipv4) putChecksum(f, ip + 10, naiveSum(f, ip, ipHeader, 0));
        putChecksum(f, tcp + 16, naiveSum(f, tcp, f.length - tcp, pseudo(f, ip, ipv4, f.length - tcp)));
        return f;
    }

    /** The Internet checksum the slow way: 16-bit words one by one, folding after each addition. */
    public static int naiveSum(byte[] b, int off, int len, int initial) {
        int sum = initial;
        for (int i = 0; i < len; i += 2) {
            int word = (b[off + i] & 0xff) << 8;
            if (i + 1 < len) word |= b[off + i + 1] & 0xff;
            sum += word;
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return sum;
    }

    public static int pseudo(byte[] f, int ip, boolean ipv4, int tcpLength) {
        int sum = ipv4 ? naiveSum(f, ip + 12, 8, 0) : naiveSum(f, ip + 8, 32, 0);
        sum = naiveSum(new byte[] {0, 6, (byte) (tcpLength >>> 8), (byte) tcpLength}, 0, 4, sum);
        return sum;
    }

    private static void putChecksum(byte[] f, int at, int sum) {
        int c = ~sum & 0xffff;
        f[at] = (byte) (c >>> 8);
        f[at + 1] = (byte) c;
    }

    public static boolean ipv4HeaderValid(byte[] f, int off) {
        int ip = off + 14;
        return naiveSum(f, ip, (f[ip] & 0x0f) * 4, 0) == 0xffff;
    }

    public static boolean tcpChecksumValid(byte[] f, int off, int len) {
        boolean ipv4 = u16(f, off + 12) == 0x0800;
        int ip = off + 14;
        int tcp = ip + (ipv4 ? (f[ip] & 0x0f) * 4 : 40);
        int tcpLength = off + len - tcp;
        return naiveSum(f, tcp, tcpLength, pseudo(f, ip, ipv4, tcpLength)) == 0xffff;
    }

    public static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    public static int i32(byte[] b, int off) {
        return ByteBuffer.wrap(b, off, 4).getInt();
    }

    /** A virtio header followed by {@code frame}. */
    public static byte[] withHeader(byte[] frame, int flags, int gsoType, int hdrLen, int gsoSize, int csumStart, int csumOffset) {
        byte[] out = new byte[VirtioNetHeader.LENGTH + frame.length];
        VirtioNetHeader.write(out, 0, flags, gsoType, hdrLen, gsoSize, csumStart, csumOffset);
        System.arraycopy(frame, 0, out, VirtioNetHeader.LENGTH, frame.length);
        return out;
    }

    /**
     * The super-frame the kernel would hand us for these segments: one frame with all the payload, IP length of the
     * whole, the TCP checksum field holding the folded pseudo-header sum, and the flags of the first and last.
     */
    public static byte[] superFrame(boolean ipv4, int ipOptions, int tcpOptions, int seq, int flags, int ipId, byte[] payload,
                             int gsoSize) {
        byte[] f = tcpFrame(ipv4, ipOptions, tcpOptions, seq, flags, ipId, payload);
        int ip = 14, tcp = ip + (ipv4 ? 20 + 4 * ipOptions : 40);
        int partial = pseudo(f, ip, ipv4, f.length - tcp);
        f[tcp + 16] = (byte) (partial >>> 8);
        f[tcp + 17] = (byte) partial;
        return withHeader(f, VirtioNetHeader.F_NEEDS_CSUM, ipv4 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6,
                tcp + 20 + tcpOptions, gsoSize, tcp, 16);
    }
}
