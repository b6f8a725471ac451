package net.ztj.tap.offload;

/**
 * The 10-byte {@code struct virtio_net_hdr} (Linux {@code <linux/virtio_net.h>}) that precedes every frame read from
 * or written to a tap opened with IFF_VNET_HDR: flags, GSO type, header length, GSO segment size, and where the
 * checksum to complete starts and is stored. Offsets count from the start of the Ethernet frame.
 *
 * <p>Multi-byte fields are little-endian: the tun driver uses the host's byte order for its legacy header unless
 * told otherwise, and the hosts this runs on (x86-64, arm64) are little-endian.
 */
public final class VirtioNetHeader {
    /** Size of the header without the mergeable-buffers count, the size a tap uses by default. */
    public static final int LENGTH = 10;

    /** flags: the checksum at csum_start/csum_offset is partial (holds the pseudo-header sum) and must be completed. */
    public static final int F_NEEDS_CSUM = 1;
    /** gso_type values; {@link #GSO_ECN} may be or-ed into them. */
    public static final int GSO_NONE = 0, GSO_TCPV4 = 1, GSO_UDP = 3, GSO_TCPV6 = 4, GSO_UDP_L4 = 5, GSO_ECN = 0x80;

    static final int FLAGS = 0, GSO_TYPE = 1, HDR_LEN = 2, GSO_SIZE = 4, CSUM_START = 6, CSUM_OFFSET = 8;

    private VirtioNetHeader() {
    }

    public static int flags(byte[] b, int off) {
        return b[off + FLAGS] & 0xff;
    }

    public static int gsoType(byte[] b, int off) {
        return b[off + GSO_TYPE] & 0xff;
    }

    public static int hdrLen(byte[] b, int off) {
        return le16(b, off + HDR_LEN);
    }

    public static int gsoSize(byte[] b, int off) {
        return le16(b, off + GSO_SIZE);
    }

    public static int csumStart(byte[] b, int off) {
        return le16(b, off + CSUM_START);
    }

    public static int csumOffset(byte[] b, int off) {
        return le16(b, off + CSUM_OFFSET);
    }

    /** Writes a whole header. */
    public static void write(byte[] b, int off, int flags, int gsoType, int hdrLen, int gsoSize, int csumStart,
                             int csumOffset) {
        b[off + FLAGS] = (byte) flags;
        b[off + GSO_TYPE] = (byte) gsoType;
        putLe16(b, off + HDR_LEN, hdrLen);
        putLe16(b, off + GSO_SIZE, gsoSize);
        putLe16(b, off + CSUM_START, csumStart);
        putLe16(b, off + CSUM_OFFSET, csumOffset);
    }

    /** Writes the all-zero header of a plain frame (no offload asked, checksums complete). */
    public static void writeNone(byte[] b, int off) {
        java.util.Arrays.fill(b, off, off + LENGTH, (byte) 0);
    }

    private static int le16(byte[] b, int off) {
        return (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8);
    }

    private static void putLe16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }
}
