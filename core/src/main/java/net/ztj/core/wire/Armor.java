package net.ztj.core.wire;

import net.ztj.crypto.AesGmacSiv;
import net.ztj.crypto.Poly1305;

import static net.ztj.core.wire.PacketHeader.AUTHENTICATED_FLAGS_MASK;
import static net.ztj.core.wire.PacketHeader.CIPHER_AES_GMAC_SIV;
import static net.ztj.core.wire.PacketHeader.CIPHER_NONE;
import static net.ztj.core.wire.PacketHeader.CIPHER_POLY1305_NONE;
import static net.ztj.core.wire.PacketHeader.CIPHER_POLY1305_SALSA2012;
import static net.ztj.core.wire.PacketHeader.CIPHER_SHIFT;
import static net.ztj.core.wire.PacketHeader.FLAG_ENCRYPTED;
import static net.ztj.core.wire.PacketHeader.FLAG_FRAGMENTED;
import static net.ztj.core.wire.PacketHeader.HOPS_MASK;
import static net.ztj.core.wire.PacketHeader.IDX_DEST;
import static net.ztj.core.wire.PacketHeader.IDX_FLAGS;
import static net.ztj.core.wire.PacketHeader.IDX_MAC;
import static net.ztj.core.wire.PacketHeader.IDX_PACKET_ID;
import static net.ztj.core.wire.PacketHeader.IDX_VERB;
import static net.ztj.core.wire.PacketHeader.MAC_LENGTH;
import static net.ztj.core.wire.PacketHeader.MAX_LENGTH;
import static net.ztj.core.wire.PacketHeader.MIN_LENGTH;

/**
 * Packet armoring: authentication and encryption of a whole packet in place with the keys shared with its peer
 * (spec 02 §6). Suites 0 (Poly1305 only), 1 (Salsa20/12 + Poly1305) and 3 (AES-GMAC-SIV) are produced and checked
 * here; suite 2 (trusted paths) carries an ID instead of a MAC and is only written and read here, its check being
 * the node's. The hop bits stay outside authentication, so relays can count hops without re-armoring.
 *
 * <p>Works on {@code (byte[], length)} so that the data path needs no wrapper object; the state it uses lives in
 * the {@link PeerKeys}, which makes these calls as thread-safe as the keys they are given (that is, not).
 */
public final class Armor {
    private Armor() {}

    /**
     * Armors {@code pkt[0..len)} in place with a suite: sets the cipher bits and the legacy encrypted flag (spec 02
     * §2.2), leaves the fragmented flag and hops as they are (they must be final and 0 respectively), then
     * authenticates (and for suites 1 and 3 encrypts) the verb byte and payload. Suite 3 overwrites the packet ID
     * with the first half of its tag (spec 02 §6.3): read the ID that replies will refer to after this call.
     *
     * @param suite {@link PacketHeader#CIPHER_POLY1305_NONE}, {@link PacketHeader#CIPHER_POLY1305_SALSA2012} or
     *              {@link PacketHeader#CIPHER_AES_GMAC_SIV}
     * @throws IllegalArgumentException for another suite or a length outside 28..10024
     */
    public static void armor(byte[] pkt, int len, PeerKeys keys, int suite) {
        checkLength(pkt, len);
        int flags = pkt[IDX_FLAGS] & (FLAG_FRAGMENTED | HOPS_MASK);
        switch (suite) {
            case CIPHER_POLY1305_NONE, CIPHER_AES_GMAC_SIV -> pkt[IDX_FLAGS] = (byte) (flags | (suite << CIPHER_SHIFT));
            case CIPHER_POLY1305_SALSA2012 ->
                    pkt[IDX_FLAGS] = (byte) (flags | FLAG_ENCRYPTED | (suite << CIPHER_SHIFT));
            default -> throw new IllegalArgumentException("cannot armor with cipher suite " + suite);
        }
        if (suite == CIPHER_AES_GMAC_SIV) {
            fillAad(pkt, keys.aad);
            byte[] tag = keys.tag;
            keys.aes().encrypt(pkt, IDX_PACKET_ID, keys.aad, 0, keys.aad.length, pkt, IDX_VERB, len - IDX_VERB, tag, 0);
            System.arraycopy(tag, 0, pkt, IDX_PACKET_ID, 8);
            System.arraycopy(tag, 8, pkt, IDX_MAC, 8);
            return;
        }
        startSalsa(pkt, len, keys);
        if (suite == CIPHER_POLY1305_SALSA2012) keys.salsa.crypt(pkt, IDX_VERB, pkt, IDX_VERB, len - IDX_VERB);
        Poly1305.mac(keys.keystreamBlock0, 0, pkt, IDX_VERB, len - IDX_VERB, keys.tag, 0);
        System.arraycopy(keys.tag, 0, pkt, IDX_MAC, MAC_LENGTH);
    }

    /**
     * Checks and, for suites 1 and 3, decrypts {@code pkt[0..len)} in place, reading the suite from the flags byte
     * and ignoring the hop bits. Suite 2 and suites 4..7 are never valid here (trusted paths are checked by the
     * node with {@link #trustedPathId}). On success the verb byte and payload are plaintext; the header (suite 3's
     * tag half in the packet ID included) is left as received. On failure the packet must be dropped: for suite 3
     * its verb byte and payload are then scrambled, for the other suites unchanged.
     *
     * @return whether the packet is authentic; false also for a length outside 28..10024
     */
    public static boolean dearmor(byte[] pkt, int len, PeerKeys keys) {
        if (len < MIN_LENGTH || len > MAX_LENGTH || len > pkt.length) return false;
        int suite = PacketHeader.cipherSuite(pkt);
        switch (suite) {
            case CIPHER_POLY1305_NONE, CIPHER_POLY1305_SALSA2012 -> {
                startSalsa(pkt, len, keys);
                Poly1305.mac(keys.keystreamBlock0, 0, pkt, IDX_VERB, len - IDX_VERB, keys.tag, 0);
                int diff = 0;
                for (int i = 0; i < MAC_LENGTH; i++) diff |= keys.tag[i] ^ pkt[IDX_MAC + i];
                if (diff != 0) return false;
                if (suite == CIPHER_POLY1305_SALSA2012) keys.salsa.crypt(pkt, IDX_VERB, pkt, IDX_VERB, len - IDX_VERB);
                return true;
            }
            case CIPHER_AES_GMAC_SIV -> {
                byte[] tag = keys.tag;
                System.arraycopy(pkt, IDX_PACKET_ID, tag, 0, 8);
                System.arraycopy(pkt, IDX_MAC, tag, 8, 8);
                fillAad(pkt, keys.aad);
                AesGmacSiv aes = keys.aes();
                return aes.decrypt(tag, 0, keys.aad, 0, keys.aad.length, pkt, IDX_VERB, len - IDX_VERB);
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * Encrypts or decrypts (the same XOR) the HELLO section from {@code from} to the end of the packet (spec 02
     * §6.6): Salsa20/12 under the unmangled key, IV = packet ID with the low three bits of byte 7 cleared. The
     * sender calls it before armoring with suite 0; the receiver after the MAC has been checked.
     *
     * @param packetLength length of the whole packet; nothing happens if {@code from >= packetLength}
     */
    public static void cryptHelloSection(byte[] pkt, int from, int packetLength, PeerKeys keys) {
        if (from < IDX_VERB + 1 || packetLength > pkt.length) throw new IllegalArgumentException("bad HELLO range");
        if (from >= packetLength) return;
        long ivLittleEndian = 0;
        for (int i = 7; i >= 0; i--) ivLittleEndian = (ivLittleEndian << 8) | (pkt[IDX_PACKET_ID + i] & 0xffL);
        ivLittleEndian &= ~(0x07L << 56); // byte 7 is the most significant of the little-endian reading
        keys.salsa.init(keys.salsaKey, 0, ivLittleEndian);
        keys.salsa.crypt(pkt, from, pkt, from, packetLength - from);
    }

    /**
     * Marks a packet as sent over a trusted path (spec 02 §6.4): suite 2, no encryption, the trusted path ID in
     * the MAC field.
     */
    public static void armorTrustedPath(byte[] pkt, int len, long trustedPathId) {
        checkLength(pkt, len);
        pkt[IDX_FLAGS] = (byte) ((pkt[IDX_FLAGS] & (FLAG_FRAGMENTED | HOPS_MASK)) | (CIPHER_NONE << CIPHER_SHIFT));
        for (int i = MAC_LENGTH - 1; i >= 0; i--) {
            pkt[IDX_MAC + i] = (byte) trustedPathId;
            trustedPathId >>>= 8;
        }
    }

    /** The trusted path ID carried by a suite-2 packet (its MAC field, big-endian). */
    public static long trustedPathId(byte[] pkt) {
        long v = 0;
        for (int i = 0; i < MAC_LENGTH; i++) v = (v << 8) | (pkt[IDX_MAC + i] & 0xffL);
        return v;
    }

    /**
     * The per-packet Salsa20/12 key of suites 0 and 1 (spec 02 §6.2 step 2): the peer key XORed with the packet
     * ID, addresses, the flags without hops and the total length in little-endian order.
     */
    static void mangleKey(byte[] pkt, int len, byte[] salsaKey, byte[] out) {
        for (int i = 0; i < IDX_FLAGS; i++) out[i] = (byte) (salsaKey[i] ^ pkt[i]);
        out[IDX_FLAGS] = (byte) (salsaKey[IDX_FLAGS] ^ (pkt[IDX_FLAGS] & AUTHENTICATED_FLAGS_MASK));
        out[19] = (byte) (salsaKey[19] ^ len);
        out[20] = (byte) (salsaKey[20] ^ (len >>> 8));
        System.arraycopy(salsaKey, 21, out, 21, 11);
    }

    /** Keys Salsa20/12 for this packet and takes keystream block 0 (whose first 32 bytes key Poly1305). */
    private static void startSalsa(byte[] pkt, int len, PeerKeys keys) {
        mangleKey(pkt, len, keys.salsaKey, keys.mangledKey);
        keys.salsa.init(keys.mangledKey, 0, pkt, IDX_PACKET_ID);
        keys.salsa.keystream(keys.keystreamBlock0, 0, 64);
    }

    /** Suite 3's associated data: destination, source, flags with hops cleared. */
    private static void fillAad(byte[] pkt, byte[] aad) {
        System.arraycopy(pkt, IDX_DEST, aad, 0, 10);
        aad[10] = (byte) (pkt[IDX_FLAGS] & AUTHENTICATED_FLAGS_MASK);
    }

    private static void checkLength(byte[] pkt, int len) {
        if (len < MIN_LENGTH || len > MAX_LENGTH || len > pkt.length) {
            throw new IllegalArgumentException("packet length out of range: " + len);
        }
    }
}
