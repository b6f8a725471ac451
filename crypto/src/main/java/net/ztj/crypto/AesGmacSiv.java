package net.ztj.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;

/**
 * AES-GMAC-SIV, the two-key SIV AEAD of ZeroTier cipher suite 3 (spec 01 §6). The GMAC is the tag of an AES-GCM
 * encryption of no plaintext whose AAD is {@code A || pad16 || P}; the synthetic IV is
 * {@code N || (G[0..7] ^ G[8..15])} encrypted with K1; the payload is AES-CTR under K1 from that tag with bit 31
 * of its counter word cleared. All AES work is the JDK's, which uses the CPU's AES and carry-less multiply
 * instructions.
 *
 * <p>One instance per key pair, reused for every packet; not thread-safe.
 */
public final class AesGmacSiv {
    /** Bytes in the tag. */
    public static final int TAG_BYTES = 16;
    /** Bytes in the nonce. */
    public static final int NONCE_BYTES = 8;

    private static final byte[] ZEROS = new byte[16];

    private final SecretKeySpec k0;
    private final SecretKeySpec k1;
    private Cipher gmac;
    private final Cipher ctr;
    private final Cipher ecbEncrypt;
    private final Cipher ecbDecrypt;
    private final byte[] gcmIv = new byte[12];
    private final byte[] g = new byte[16];
    private final byte[] t = new byte[16];
    private final byte[] counterBlock = new byte[16];
    private byte[] scratch = new byte[0];

    /** @param k0 32-byte GMAC key; @param k1 32-byte CTR and tag key */
    public AesGmacSiv(byte[] k0, byte[] k1) {
        if (k0.length != 32 || k1.length != 32) throw new IllegalArgumentException("AES-GMAC-SIV keys are 32 bytes");
        this.k0 = new SecretKeySpec(k0, "AES");
        this.k1 = new SecretKeySpec(k1, "AES");
        try {
            gmac = Cipher.getInstance("AES/GCM/NoPadding");
            ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ecbEncrypt = Cipher.getInstance("AES/ECB/NoPadding");
            ecbEncrypt.init(Cipher.ENCRYPT_MODE, this.k1);
            ecbDecrypt = Cipher.getInstance("AES/ECB/NoPadding");
            ecbDecrypt.init(Cipher.DECRYPT_MODE, this.k1);
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
     * Encrypts {@code buf[off..off+len)} in place and writes the 16-byte tag to {@code tag[tagOff]}.
     *
     * @param nonce 8 bytes at {@code nonce[nonceOff]}
     */
    public void encrypt(byte[] nonce, int nonceOff, byte[] aad, int aadOff, int aadLen,
                        byte[] buf, int off, int len, byte[] tag, int tagOff) {
        try {
            computeGmac(nonce, nonceOff, aad, aadOff, aadLen, buf, off, len);
            System.arraycopy(nonce, nonceOff, t, 0, 8);
            for (int i = 0; i < 8; i++) t[8 + i] = (byte) (g[i] ^ g[i + 8]);
            ecbEncrypt.doFinal(t, 0, 16, tag, tagOff);
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
        try {
            ctrCrypt(tag, tagOff, buf, off, len);
            ecbDecrypt.doFinal(tag, tagOff, 16, t, 0);
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
            ecbDecrypt.doFinal(tag, tagOff, 16, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failure", e);
        }
    }

    private void ctrCrypt(byte[] tag, int tagOff, byte[] buf, int off, int len) throws GeneralSecurityException {
        System.arraycopy(tag, tagOff, counterBlock, 0, 16);
        counterBlock[12] &= 0x7f;
        ctr.init(Cipher.ENCRYPT_MODE, k1, new IvParameterSpec(counterBlock));
        if (len > 0) {
            // the JDK copies its input when asked to work in place; an output array of our own avoids that copy
            if (scratch.length < len) scratch = new byte[Math.max(len, 2048)];
            ctr.doFinal(buf, off, len, scratch, 0);
            System.arraycopy(scratch, 0, buf, off, len);
        }
    }

    private void computeGmac(byte[] nonce, int nonceOff, byte[] aad, int aadOff, int aadLen,
                             byte[] p, int pOff, int pLen) throws GeneralSecurityException {
        System.arraycopy(nonce, nonceOff, gcmIv, 0, 8);
        GCMParameterSpec spec = new GCMParameterSpec(128, gcmIv);
        try {
            gmac.init(Cipher.ENCRYPT_MODE, k0, spec);
        } catch (InvalidAlgorithmParameterException sameKeyAndIv) {
            // The JDK refuses to encrypt twice in a row under one key and IV (a guard for GCM confidentiality
            // that does not apply here: nothing is encrypted, only the tag is wanted). A fresh instance accepts it.
            gmac = Cipher.getInstance("AES/GCM/NoPadding");
            gmac.init(Cipher.ENCRYPT_MODE, k0, spec);
        }
        if (aadLen > 0) gmac.updateAAD(aad, aadOff, aadLen);
        int pad = (16 - (aadLen & 15)) & 15;
        if (pad != 0) gmac.updateAAD(ZEROS, 0, pad);
        if (pLen > 0) gmac.updateAAD(p, pOff, pLen);
        gmac.doFinal(g, 0);
    }

}
