package net.ztj.transport.tcprelay;

import net.ztj.core.Version;
import net.ztj.core.wire.Endpoint;

import java.nio.ByteBuffer;

/**
 * Writing the relay's frames (spec 05 §9.6): a 5-byte header that imitates a TLS 1.2 application-data record
 * ({@code 17 03 03} and the payload length, 16-bit big-endian), then the payload. The payload of the first frame a
 * client sends is the 4-byte hello (its version); every later payload is an address block ({@code 04} + IPv4 +
 * port, {@code 06} + IPv6 + port, or {@code 00}) followed by one ZeroTier datagram. Reading is
 * {@link RelayFrameReader}.
 */
public final class RelayFrames {
    /** TLS content type "application data". */
    public static final int RECORD_TYPE = 0x17;
    /** TLS 1.2 is written as version 3.3. */
    public static final int RECORD_VERSION_MAJOR = 0x03;
    public static final int RECORD_VERSION_MINOR = 0x03;
    /** Bytes of the record header: type, version (2), length (2). */
    public static final int HEADER_BYTES = 5;
    /** The length field is 16 bits. */
    public static final int MAX_PAYLOAD_BYTES = 0xffff;
    /** The hello's payload: major, minor, revision (16 bits). */
    public static final int HELLO_PAYLOAD_BYTES = 4;
    /** Address block types. */
    public static final int ADDRESS_NONE = 0x00;
    public static final int ADDRESS_IPV4 = 0x04;
    public static final int ADDRESS_IPV6 = 0x06;
    /** Address block lengths: type + address + port. */
    public static final int IPV4_BLOCK_BYTES = 7;
    public static final int IPV6_BLOCK_BYTES = 19;
    /** The largest datagram a frame with an IPv6 address block can carry (the length field's limit). */
    public static final int MAX_DATAGRAM_BYTES = MAX_PAYLOAD_BYTES - IPV6_BLOCK_BYTES;

    private RelayFrames() {}

    /** The 9-byte hello of this build's version, {@code 17 03 03 00 04 01 0e 00 01} for 1.14.1. */
    public static byte[] hello() {
        return hello(Version.MAJOR, Version.MINOR, Version.REVISION);
    }

    static byte[] hello(int major, int minor, int revision) {
        return new byte[] {RECORD_TYPE, RECORD_VERSION_MAJOR, RECORD_VERSION_MINOR, 0, HELLO_PAYLOAD_BYTES,
                (byte) major, (byte) minor, (byte) (revision >>> 8), (byte) revision};
    }

    /**
     * The address block of an endpoint ({@code 04} + IPv4 + port or {@code 06} + IPv6 + port, the same bytes as
     * ZeroTier's InetAddress form); {@code 00} alone for null.
     */
    public static byte[] addressBlock(Endpoint address) {
        if (address == null) return new byte[] {ADDRESS_NONE};
        byte[] ip = address.ip();
        byte[] block = new byte[1 + ip.length + 2];
        block[0] = (byte) (address.isV4() ? ADDRESS_IPV4 : ADDRESS_IPV6);
        System.arraycopy(ip, 0, block, 1, ip.length);
        block[block.length - 2] = (byte) (address.port() >>> 8);
        block[block.length - 1] = (byte) address.port();
        return block;
    }

    /**
     * Appends one data frame: header, an address block ({@link #addressBlock}) and the datagram. The buffer must
     * have {@code HEADER_BYTES + block.length + len} bytes left.
     *
     * @throws IllegalArgumentException if the datagram is too long for the 16-bit length
     */
    public static void writeData(ByteBuffer out, byte[] addressBlock, byte[] data, int off, int len) {
        int payload = addressBlock.length + len;
        if (payload > MAX_PAYLOAD_BYTES) throw new IllegalArgumentException("datagram too long for a relay frame: " + len);
        out.put((byte) RECORD_TYPE).put((byte) RECORD_VERSION_MAJOR).put((byte) RECORD_VERSION_MINOR)
                .putShort((short) payload).put(addressBlock).put(data, off, len);
    }
}
