package net.ztj.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Objects;

/**
 * AES-GMAC-SIV, the two-key SIV AEAD of ZeroTier cipher suite 3 (spec 01 §6). The GMAC is GHASH under
 * H = AES_K0(0) over {@code A || pad16 || P || pad16 || [bitlen(A || pad16 || P)]_64 || [0]_64}, XORed with
 * AES_K0({@code N || 0^4 || 1}) (the tag of an AES-GCM encryption of no plaintext whose AAD is
 * {@code A || pad16 || P}); the synthetic IV is {@code N || (G[0..7] ^ G[8..15])} encrypted with K1; the payload is
 * AES-CTR under K1 from that tag with bit 31 of its counter word cleared.
 *
 * <p>When {@code java.base/com.sun.crypto.provider} is opened to us (the launchers, tests and benchmarks do),
 * nothing is allocated per packet: GHASH is the JDK's block function called directly ({@link JdkGhash}, its
 * carry-less multiply intrinsic) and the CTR pass is the JDK's counter mode object reset to each packet's counter
 * ({@link JdkCtr}, its pipelined AES intrinsic); the single AES blocks (tag, E_K0(J0)) are {@code AES/ECB} ciphers
 * initialised once. Otherwise the JDK's public {@code AES/GCM} and {@code AES/CTR} ciphers do the same work and
 * allocate a few KB per packet (an engine per {@code init}, the AAD buffered until {@code doFinal}).
 *
 * <p>One instance per key pair, reused for every packet; not thread-safe.
 */
public final class AesGmacSiv {
    /** Bytes in the tag. */
    public static final int TAG_BYTES = 16;
    /** Bytes in the nonce. */
    public static final int NONCE_BYTES = 8;

    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] ZEROS = new byte[16];

    private final Cipher ecbK0;
    private final Cipher ecbK1;
    private final Cipher ecbK1Decrypt;
    /** The JDK's GHASH under H = AES_K0(0), or null: then {@link #gcm} computes the GMAC. */
    private final JdkGhash ghash;
    private final SecretKeySpec k0Spec;
    private Cipher gcm;
    private final byte[] gcmIv = new byte[12];
    private final byte[] block = new byte[16];
    private final byte[] j0 = new byte[16];
    private final byte[] ej0 = new byte[16];
    private final byte[] g = new byte[16];
    private final byte[] t = new byte[16];
    private final byte[] counterBlock = new byte[16];
    /** The JDK's counter mode under K1, or null: then {@link #ctr}, the public cipher, does the CTR pass. */
    private final JdkCtr jdkCtr;
    private final SecretKeySpec k1Spec;
    private Cipher ctr;
    private byte[] scratch = new byte[0];

    /** @param k0 32-byte GMAC key; @param k1 32-byte CTR and tag key */
    public AesGmacSiv(byte[] k0, byte[] k1) {
        this(k0, k1, allocationFree());
    }

    /**
     * @param jdkInternals whether to use {@link JdkGhash} and {@link JdkCtr} (they must then be available) rather
     *                     than the public {@code AES/GCM} and {@code AES/CTR} ciphers
     */
    AesGmacSiv(byte[] k0, byte[] k1, boolean jdkInternals) {
        if (k0.length != 32 || k1.length != 32) throw new IllegalArgumentException("AES-GMAC-SIV keys are 32 bytes");
        k0Spec = new SecretKeySpec(k0, "AES");
        k1Spec = new SecretKeySpec(k1, "AES");
        try {
            ecbK0 = Cipher.getInstance("AES/ECB/NoPadding");
            ecbK0.init(Cipher.ENCRYPT_MODE, k0Spec);
            ecbK1 = Cipher.getInstance("AES/ECB/NoPadding");
            ecbK1.init(Cipher.ENCRYPT_MODE, k1Spec);
            ecbK1Decrypt = Cipher.getInstance("AES/ECB/NoPadding");
            ecbK1Decrypt.init(Cipher.DECRYPT_MODE, k1Spec);
            if (jdkInternals) {
                byte[] h = new byte[16];
                ecbK0.doFinal(ZEROS, 0, 16, h, 0);
                ghash = JdkGhash.forSubkey(h, 0);
                jdkCtr = JdkCtr.forKey(k1);
            } else {
                ghash = null;
                jdkCtr = null;
                gcm = Cipher.getInstance("AES/GCM/NoPadding");
                ctr = Cipher.getInstance("AES/CTR/NoPadding");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
    }

    /** Derives K0 and K1 from a 48-byte per-peer key with the KBKDF (spec 01 §5). */
    public static AesGmacSiv fromPeerKey(byte[] key48) {
        byte[] k0 = java.util.Arrays.copyOf(Kbkdf.derive(key48, Kbkdf.LABEL_AES_GMAC_SIV_K0, (byte) 0, 0), 32);
        byte[] k1 = java.util.Arrays.copyOf(Kbkdf.derive(key48, Kbkdf.LABEL_AES_GMAC_SIV_K1, (byte) 0, 0), 32);
        return new AesGmacSiv(k0, k1);
    }

    /**
     * Whether this JVM runs AES-GMAC-SIV without allocation, through the JDK's GHASH and AES-CTR intrinsics
     * ({@link JdkGhash}, {@link JdkCtr}); otherwise the public ciphers allocate a few KB per packet.
     */
    public static boolean allocationFree() {
        return JdkGhash.AVAILABLE && JdkCtr.AVAILABLE;
    }

    /**
     * Encrypts {@code buf[off..off+len)} in place and writes the 16-byte tag to {@code tag[tagOff]}.
     *
     * @param nonce 8 bytes at {@code nonce[nonceOff]}
     */
    public void encrypt(byte[] nonce, int nonceOff, byte[] aad, int aadOff, int aadLen,
                        byte[] buf, int off, int len, byte[] tag, int tagOff) {
        Objects.checkFromIndexSize(nonceOff, NONCE_BYTES, nonce.length);
        Objects.checkFromIndexSize(aadOff, aadLen, aad.length);
        Objects.checkFromIndexSize(off, len, buf.length);
        Objects.checkFromIndexSize(tagOff, TAG_BYTES, tag.length);
        try {
            computeGmac(nonce, nonceOff, aad, aadOff, aadLen, buf, off, len);
            System.arraycopy(nonce, nonceOff, t, 0, 8);
            for (int i = 0; i < 8; i++) t[8 + i] = (byte) (g[i] ^ g[i + 8]);
            ecbK1.doFinal(t, 0, 16, tag, tagOff);
            ctrCrypt(tag, tagOff, buf, off, len);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failure", e);
        }
    }

    /**
     * Decrypts {@code buf[off..off+len)} in place and checks the tag. On failure the buffer holds garbage and
     * must be dropped.
     *
     * @return whether the tag authenticates the data
     */
    public boolean decrypt(byte[] tag, int tagOff, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(tagOff, TAG_BYTES, tag.length);
        Objects.checkFromIndexSize(aadOff, aadLen, aad.length);
        Objects.checkFromIndexSize(off, len, buf.length);
        try {
            ctrCrypt(tag, tagOff, buf, off, len);
            ecbK1Decrypt.doFinal(tag, tagOff, 16, t, 0);
            computeGmac(t, 0, aad, aadOff, aadLen, buf, off, len);
            int diff = 0;
            for (int i = 0; i < 8; i++) diff |= (g[i] ^ g[i + 8]) ^ t[8 + i];
            return diff == 0;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failure", e);
        }
    }

    /** Decrypts the single AES block {@code tag} with K1: the nonce is its first 8 bytes. */
    public void decryptTagBlock(byte[] tag, int tagOff, byte[] out, int outOff) {
        try {
            ecbK1Decrypt.doFinal(tag, tagOff, 16, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failure", e);
        }
    }

    /**
     * AES-CTR under K1 over {@code buf[off..off+len)}, in place, from the tag with bit 31 of its counter word
     * cleared. The counter word starts below 2^31 and a packet has far fewer than 2^31 blocks, so the JDK's 128-bit
     * increment never carries out of it (ZeroTier increments those 32 bits alone).
     */
    private void ctrCrypt(byte[] tag, int tagOff, byte[] buf, int off, int len) throws GeneralSecurityException {
        System.arraycopy(tag, tagOff, counterBlock, 0, 16);
        counterBlock[12] &= 0x7f;
        if (len == 0) return;
        if (jdkCtr != null) {
            jdkCtr.crypt(counterBlock, 0, buf, off, len);
            return;
        }
        ctr.init(Cipher.ENCRYPT_MODE, k1Spec, new IvParameterSpec(counterBlock));
        // the JDK copies its input when asked to work in place; an output array of our own avoids that copy
        if (scratch.length < len) scratch = new byte[Math.max(len, 2048)];
        ctr.doFinal(buf, off, len, scratch, 0);
        System.arraycopy(scratch, 0, buf, off, len);
    }

    /** G = GMAC_K0(N, A || pad16 || P) into {@link #g}; all ranges checked by the caller. */
    private void computeGmac(byte[] nonce, int nonceOff, byte[] aad, int aadOff, int aadLen,
                             byte[] p, int pOff, int pLen) throws GeneralSecurityException {
        if (ghash == null) {
            computeGmacWithJdkGcm(nonce, nonceOff, aad, aadOff, aadLen, p, pOff, pLen);
            return;
        }
        JdkGhash h = ghash;
        h.reset();
        hashPadded(h, aad, aadOff, aadLen);
        hashPadded(h, p, pOff, pLen);
        long authenticatedBytes = (((long) aadLen + 15) & ~15L) + pLen;
        BE_LONG.set(block, 0, authenticatedBytes << 3);
        BE_LONG.set(block, 8, 0L);
        h.blocks(block, 0, 1);
        h.value(g, 0);
        System.arraycopy(nonce, nonceOff, j0, 0, 8);
        BE_LONG.set(j0, 8, 1L);
        ecbK0.doFinal(j0, 0, 16, ej0, 0); // into another array: the JDK copies the input of an in-place call
        for (int i = 0; i < 16; i++) g[i] ^= ej0[i];
    }

    /** Hashes {@code data[off..off+len)} followed by zeros up to a whole block. */
    private void hashPadded(JdkGhash h, byte[] data, int off, int len) {
        int whole = len >>> 4;
        h.blocks(data, off, whole);
        int rest = len & 15;
        if (rest != 0) {
            System.arraycopy(data, off + (whole << 4), block, 0, rest);
            System.arraycopy(ZEROS, 0, block, rest, 16 - rest);
            h.blocks(block, 0, 1);
        }
    }

    /** The GMAC through the public AES-GCM cipher (allocates per packet): used when {@link JdkGhash} is not. */
    private void computeGmacWithJdkGcm(byte[] nonce, int nonceOff, byte[] aad, int aadOff, int aadLen,
                                       byte[] p, int pOff, int pLen) throws GeneralSecurityException {
        System.arraycopy(nonce, nonceOff, gcmIv, 0, 8);
        GCMParameterSpec spec = new GCMParameterSpec(128, gcmIv);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, k0Spec, spec);
        } catch (InvalidAlgorithmParameterException sameKeyAndIv) {
            // The JDK refuses to encrypt twice in a row under one key and IV (a guard for GCM confidentiality
            // that does not apply here: nothing is encrypted, only the tag is wanted). A fresh instance accepts it.
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, k0Spec, spec);
        }
        if (aadLen > 0) gcm.updateAAD(aad, aadOff, aadLen);
        int pad = (16 - (aadLen & 15)) & 15;
        if (pad != 0) gcm.updateAAD(ZEROS, 0, pad);
        if (pLen > 0) gcm.updateAAD(p, pOff, pLen);
        gcm.doFinal(g, 0);
    }
}
