package net.ztj.core.wire;

import net.ztj.core.identity.Identity;
import net.ztj.crypto.AesGmacSiv;
import net.ztj.crypto.C25519;
import net.ztj.crypto.Salsa20;

import java.util.Arrays;

/**
 * The symmetric keys shared with one peer (spec 02 §6.1), with the cipher state {@link Armor} reuses for every
 * packet: the 48-byte agreed key, its first 32 bytes as the Salsa20/12 key of suites 0 and 1, and the AES-GMAC-SIV
 * instance of suite 3, created on first use because its KBKDF and AES key schedules cost more than most peers
 * ever need.
 *
 * <p>Not thread-safe: one instance per peer, used by the thread that owns that peer.
 */
public final class PeerKeys {
    /** Bytes of the agreed key. */
    public static final int KEY_LENGTH = 48;

    private final byte[] key48;
    private AesGmacSiv aes;

    // Reused per packet by Armor (package-private so the known-answer tests can look at intermediates).
    final byte[] salsaKey;
    final Salsa20 salsa = new Salsa20(12);
    final byte[] mangledKey = new byte[32];
    final byte[] keystreamBlock0 = new byte[64];
    final byte[] tag = new byte[16];
    final byte[] aad = new byte[11];

    /** @param key48 the 48-byte key agreed with the peer (copied) */
    public PeerKeys(byte[] key48) {
        if (key48.length != KEY_LENGTH) throw new IllegalArgumentException("peer key must be 48 bytes");
        this.key48 = key48.clone();
        this.salsaKey = Arrays.copyOf(key48, 32);
    }

    /**
     * Agrees the key between our identity (with its private key) and a peer's (spec 01 §7).
     *
     * @throws C25519.InvalidPeerKeyException if the peer's public key gives a degenerate shared secret
     */
    public static PeerKeys agree(Identity self, Identity peer) throws C25519.InvalidPeerKeyException {
        return new PeerKeys(self.agree(peer));
    }

    /** A copy of the 48-byte key. */
    public byte[] key48() {
        return key48.clone();
    }

    /** The suite-3 cipher, derived with the KBKDF on first use. */
    AesGmacSiv aes() {
        if (aes == null) aes = AesGmacSiv.fromPeerKey(key48);
        return aes;
    }
}
