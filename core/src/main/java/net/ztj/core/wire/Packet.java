package net.ztj.core.wire;

import net.ztj.core.identity.Address;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A whole ZeroTier packet (spec 02 §2) in a byte buffer: header, verb byte and payload, plaintext or armored. A
 * small mutable wrapper, not a copy: the accessors read and write {@link #buffer()} directly, so one instance can
 * follow a packet through compression, armoring and fragmentation. The buffer may be longer than the packet.
 */
public final class Packet {
    private byte[] buf;
    private int length;

    /**
     * Wraps {@code buf[0..length)} without copying.
     *
     * @throws IllegalArgumentException if the length is below {@link PacketHeader#MIN_LENGTH} or past the buffer
     */
    public Packet(byte[] buf, int length) {
        reset(buf, length);
    }

    /** Wraps a whole array without copying. */
    public static Packet wrap(byte[] b) {
        return new Packet(b, b.length);
    }

    /** A packet holding a copy of {@code b[off..off+len)}. */
    public static Packet copyOf(byte[] b, int off, int len) {
        return new Packet(Arrays.copyOfRange(b, off, off + len), len);
    }

    /**
     * Builds an unarmored packet: header with hops 0 and no flags, MAC zero, the verb byte uncompressed and the
     * payload copied.
     */
    public static Packet create(long packetId, Address destination, Address source, Verb verb, byte[] payload) {
        return create(packetId, destination, source, verb, payload, 0, payload.length);
    }

    /** As {@link #create(long, Address, Address, Verb, byte[])} with a payload range. */
    public static Packet create(long packetId, Address destination, Address source, Verb verb,
                                byte[] payload, int off, int len) {
        byte[] b = new byte[PacketHeader.IDX_PAYLOAD + len];
        return new Packet(b, write(b, packetId, destination, source, verb, payload, off, len));
    }

    /** As {@link #create(long, Address, Address, Verb, byte[])} with a fresh random packet ID (spec 02 §2.3). */
    public static Packet create(RandomGenerator random, Address destination, Address source, Verb verb,
                                byte[] payload) {
        return create(random.nextLong(), destination, source, verb, payload);
    }

    /**
     * Writes an unarmored packet into {@code out} from index 0 (for buffers reused on the data path) and returns
     * its length.
     *
     * @throws IllegalArgumentException if the packet would exceed {@link PacketHeader#MAX_LENGTH}
     * @throws IndexOutOfBoundsException if {@code out} is too short
     */
    public static int write(byte[] out, long packetId, Address destination, Address source, Verb verb,
                            byte[] payload, int off, int len) {
        int total = PacketHeader.IDX_PAYLOAD + len;
        if (total > PacketHeader.MAX_LENGTH) throw new IllegalArgumentException("packet too long: " + total);
        if (out.length < total) throw new IndexOutOfBoundsException("buffer too short for " + total + " bytes");
        PacketHeader.setPacketId(out, packetId);
        destination.writeTo(out, PacketHeader.IDX_DEST);
        source.writeTo(out, PacketHeader.IDX_SOURCE);
        Arrays.fill(out, PacketHeader.IDX_FLAGS, PacketHeader.IDX_VERB, (byte) 0);
        out[PacketHeader.IDX_VERB] = (byte) verb.code;
        System.arraycopy(payload, off, out, PacketHeader.IDX_PAYLOAD, len);
        return total;
    }

    /** Points this wrapper at another buffer (e.g. after decompression grew the packet). */
    public void reset(byte[] newBuf, int newLength) {
        if (newLength < PacketHeader.MIN_LENGTH || newLength > newBuf.length) {
            throw new IllegalArgumentException("bad packet length " + newLength);
        }
        this.buf = newBuf;
        this.length = newLength;
    }

    /** The backing array (not a copy); the packet is {@code buffer()[0..length())}. */
    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return length;
    }

    /** Shortens or lengthens the packet within its buffer. */
    public void setLength(int newLength) {
        reset(buf, newLength);
    }

    /** A copy of the packet bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }

    /** The packet ID as on the wire, big-endian (spec 02 §2.3). */
    public long packetId() {
        return PacketHeader.packetId(buf);
    }

    public void setPacketId(long id) {
        PacketHeader.setPacketId(buf, id);
    }

    public Address destination() {
        return PacketHeader.destination(buf);
    }

    public void setDestination(Address a) {
        a.writeTo(buf, PacketHeader.IDX_DEST);
    }

    public Address source() {
        return PacketHeader.source(buf);
    }

    public void setSource(Address a) {
        a.writeTo(buf, PacketHeader.IDX_SOURCE);
    }

    /** The raw flags byte {@code FFCCCHHH}. */
    public int flags() {
        return PacketHeader.flags(buf);
    }

    /** The cipher suite 0..7. */
    public int cipherSuite() {
        return PacketHeader.cipherSuite(buf);
    }

    public int hops() {
        return PacketHeader.hops(buf);
    }

    public void setHops(int hops) {
        PacketHeader.setHops(buf, hops);
    }

    /** Adds one hop if below {@link PacketHeader#MAX_HOPS}; returns the new count. */
    public int incrementHops() {
        int h = hops();
        if (h < PacketHeader.MAX_HOPS) setHops(++h);
        return h;
    }

    public boolean fragmented() {
        return PacketHeader.isFragmented(buf);
    }

    public void setFragmented(boolean fragmented) {
        PacketHeader.setFragmented(buf, fragmented);
    }

    /** The verb number 0..31. */
    public int verbCode() {
        return PacketHeader.verbCode(buf);
    }

    /** The verb, or null for an unknown verb number. */
    public Verb verb() {
        return Verb.fromCode(verbCode());
    }

    /** Whether the LZ4 flag of the verb byte is set. */
    public boolean compressed() {
        return PacketHeader.isCompressed(buf);
    }

    /** Index of the first payload byte. */
    public int payloadOffset() {
        return PacketHeader.IDX_PAYLOAD;
    }

    /** Bytes after the verb byte. */
    public int payloadLength() {
        return length - PacketHeader.IDX_PAYLOAD;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return Arrays.copyOfRange(buf, PacketHeader.IDX_PAYLOAD, length);
    }

    /** A bounds-checked reader over the payload, for the verb codecs. */
    public ByteReader payloadReader() {
        return new ByteReader(buf, PacketHeader.IDX_PAYLOAD, length);
    }

    @Override
    public String toString() {
        return "Packet[id=" + String.format("%016x", packetId()) + ", " + source() + "->" + destination()
                + ", suite=" + cipherSuite() + ", hops=" + hops() + ", verb=0x" + Integer.toHexString(verbCode())
                + ", length=" + length + "]";
    }
}
