package net.ztj.core.wire;

import net.ztj.core.identity.Address;

/**
 * The layout of a ZeroTier 1.x packet and fragment header (spec 02 §2, §3.1) as named offsets, masks and limits,
 * with static accessors over a raw datagram buffer. These let the receive path look at a packet without wrapping
 * or copying it; {@link Packet} is the object form of the same accessors.
 */
public final class PacketHeader {
    private PacketHeader() {}

    // --- packet header (spec 02 §2.1) ---
    /** Packet ID / IV, 8 bytes. */
    public static final int IDX_PACKET_ID = 0;
    /** Destination address, 5 bytes. */
    public static final int IDX_DEST = 8;
    /** Source address, 5 bytes. */
    public static final int IDX_SOURCE = 13;
    /** Flags, cipher suite and hops: {@code FFCCCHHH}. */
    public static final int IDX_FLAGS = 18;
    /** MAC (suites 0, 1), second SIV tag half (suite 3) or trusted path ID (suite 2), 8 bytes. */
    public static final int IDX_MAC = 19;
    /** Length of the MAC field. */
    public static final int MAC_LENGTH = 8;
    /** Verb byte, the first byte of the encryption envelope. */
    public static final int IDX_VERB = 27;
    /** First payload byte. */
    public static final int IDX_PAYLOAD = 28;

    /** Shortest valid packet: a header and verb byte without payload ({@code ZT_PROTO_MIN_PACKET_LENGTH}). */
    public static final int MIN_LENGTH = 28;
    /** Longest packet, also once reassembled ({@code ZT_PROTO_MAX_PACKET_LENGTH} = 7 × 1432). */
    public static final int MAX_LENGTH = 10024;
    /** Longest payload after the verb byte (also the bound for decompression). */
    public static final int MAX_PAYLOAD_LENGTH = MAX_LENGTH - IDX_PAYLOAD;

    // --- flags byte (spec 02 §2.2) ---
    /** Legacy "encrypted" flag: set iff the cipher suite is 1. */
    public static final int FLAG_ENCRYPTED = 0x80;
    /** More datagrams follow this head. */
    public static final int FLAG_FRAGMENTED = 0x40;
    /** Cipher suite bits. */
    public static final int CIPHER_MASK = 0x38;
    /** Shift of the cipher suite bits. */
    public static final int CIPHER_SHIFT = 3;
    /** Hop count bits: the only header bits relays modify, excluded from authentication. */
    public static final int HOPS_MASK = 0x07;
    /** Every bit of the flags byte that authentication covers. */
    public static final int AUTHENTICATED_FLAGS_MASK = 0xf8;

    // --- cipher suites (spec 02 §6) ---
    /** Suite 0: Poly1305 MAC, no encryption. */
    public static final int CIPHER_POLY1305_NONE = 0;
    /** Suite 1: Salsa20/12 encryption and Poly1305 MAC. */
    public static final int CIPHER_POLY1305_SALSA2012 = 1;
    /** Suite 2: trusted path, no cryptography. */
    public static final int CIPHER_NONE = 2;
    /** Suite 3: AES-GMAC-SIV. */
    public static final int CIPHER_AES_GMAC_SIV = 3;

    // --- verb byte (spec 02 §2.4) ---
    /** Payload compressed with LZ4. */
    public static final int VERB_FLAG_COMPRESSED = 0x80;
    /** Verb number bits. */
    public static final int VERB_MASK = 0x1f;

    // --- fragments (spec 02 §3.1) ---
    /** Bytes in a fragment header. */
    public static final int FRAGMENT_HEADER_LENGTH = 16;
    /** Shortest datagram that is a fragment, header only ({@code ZT_PROTO_MIN_FRAGMENT_LENGTH}). */
    public static final int MIN_FRAGMENT_LENGTH = 16;
    /** Index of the fragment indicator, where a packet carries the first byte of its source address. */
    public static final int IDX_FRAGMENT_INDICATOR = 13;
    /** Value of the fragment indicator (an impossible first address byte). */
    public static final int FRAGMENT_INDICATOR = 0xff;
    /** Index of the byte holding the total number of datagrams (high nibble) and this fragment's number. */
    public static final int IDX_FRAGMENT_NO = 14;
    /** Index of a fragment's hop count. */
    public static final int IDX_FRAGMENT_HOPS = 15;
    /** Most datagrams, head included, a packet may be split into ({@code ZT_MAX_PACKET_FRAGMENTS}). */
    public static final int MAX_FRAGMENTS = 7;

    // --- other protocol constants (spec 02 §12) ---
    /** Physical MTU: UDP payload bytes per datagram unless configured otherwise. */
    public static final int DEFAULT_PHYS_MTU = 1432;
    /** Protocol version this implementation speaks. */
    public static final int PROTOCOL_VERSION = 12;
    /** Oldest protocol version accepted. */
    public static final int PROTOCOL_VERSION_MIN = 4;
    /** Highest value of the hop field. */
    public static final int MAX_HOPS = 7;
    /** Relays forward only packets with fewer hops than this. */
    public static final int RELAY_MAX_HOPS = 3;
    /** Length of a legacy LAN beacon datagram. */
    public static final int BEACON_LENGTH = 13;

    /** What a received UDP payload is (spec 02 §1, classification in this order). */
    public enum DatagramKind {
        /** 13 bytes: legacy LAN beacon (spec 02 §11.9). */
        LAN_BEACON,
        /** More than 16 bytes with the fragment indicator: a fragment (spec 02 §3). */
        FRAGMENT,
        /** At least 28 bytes: a packet or the head of a fragmented packet. */
        PACKET,
        /** Anything else: drop. */
        INVALID
    }

    /** Classifies a received datagram {@code b[0..len)} (spec 02 §1). */
    public static DatagramKind classify(byte[] b, int len) {
        if (len == BEACON_LENGTH) return DatagramKind.LAN_BEACON;
        if (len > MIN_FRAGMENT_LENGTH && (b[IDX_FRAGMENT_INDICATOR] & 0xff) == FRAGMENT_INDICATOR) {
            return DatagramKind.FRAGMENT;
        }
        if (len >= MIN_LENGTH) return DatagramKind.PACKET;
        return DatagramKind.INVALID;
    }

    /** The packet ID: bytes 0..7 big-endian (the wire bytes, after suite 3 the first tag half). */
    public static long packetId(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[IDX_PACKET_ID + i] & 0xffL);
        return v;
    }

    /** Writes the packet ID big-endian into bytes 0..7. */
    public static void setPacketId(byte[] b, long id) {
        for (int i = 7; i >= 0; i--) {
            b[IDX_PACKET_ID + i] = (byte) id;
            id >>>= 8;
        }
    }

    /** The destination address (packets and fragments). */
    public static Address destination(byte[] b) {
        return Address.fromBytes(b, IDX_DEST);
    }

    /** The source address (packets only). */
    public static Address source(byte[] b) {
        return Address.fromBytes(b, IDX_SOURCE);
    }

    /** The raw flags byte. */
    public static int flags(byte[] b) {
        return b[IDX_FLAGS] & 0xff;
    }

    /** The cipher suite 0..7. */
    public static int cipherSuite(byte[] b) {
        return (b[IDX_FLAGS] & CIPHER_MASK) >>> CIPHER_SHIFT;
    }

    /** The hop count of a packet. */
    public static int hops(byte[] b) {
        return b[IDX_FLAGS] & HOPS_MASK;
    }

    /** Sets the hop count of a packet (0..7); the only change that keeps an armored packet valid. */
    public static void setHops(byte[] b, int hops) {
        if (hops < 0 || hops > MAX_HOPS) throw new IllegalArgumentException("hops out of range: " + hops);
        b[IDX_FLAGS] = (byte) ((b[IDX_FLAGS] & ~HOPS_MASK) | hops);
    }

    /** Whether the fragmented flag is set (this is the head of a fragmented packet, or its reassembly). */
    public static boolean isFragmented(byte[] b) {
        return (b[IDX_FLAGS] & FLAG_FRAGMENTED) != 0;
    }

    /** Sets or clears the fragmented flag; do this before armoring, as the flag is authenticated. */
    public static void setFragmented(byte[] b, boolean fragmented) {
        b[IDX_FLAGS] = (byte) (fragmented ? b[IDX_FLAGS] | FLAG_FRAGMENTED : b[IDX_FLAGS] & ~FLAG_FRAGMENTED);
    }

    /** The verb number 0..31 (meaningful only once dearmored for suites 1 and 3). */
    public static int verbCode(byte[] b) {
        return b[IDX_VERB] & VERB_MASK;
    }

    /** Whether the payload is LZ4-compressed (meaningful only once dearmored for suites 1 and 3). */
    public static boolean isCompressed(byte[] b) {
        return (b[IDX_VERB] & VERB_FLAG_COMPRESSED) != 0;
    }

    /** A fragment's total number of datagrams, head included (high nibble of byte 14). */
    public static int fragmentTotal(byte[] b) {
        return (b[IDX_FRAGMENT_NO] & 0xf0) >>> 4;
    }

    /** A fragment's number, 1 for the first datagram after the head (low nibble of byte 14). */
    public static int fragmentNumber(byte[] b) {
        return b[IDX_FRAGMENT_NO] & 0x0f;
    }

    /** A fragment's hop count (low 3 bits of byte 15). */
    public static int fragmentHops(byte[] b) {
        return b[IDX_FRAGMENT_HOPS] & HOPS_MASK;
    }
}
