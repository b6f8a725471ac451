package net.ztj.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * HMAC-SHA-384 and the one-iteration counter-mode KBKDF (NIST SP 800-108 style) that ZeroTier 1.x uses to derive
 * the AES-GMAC-SIV keys from the 48-byte per-peer key (spec 01 §5).
 */
public final class Kbkdf {
    /** Label of the GMAC key K0. */
    public static final byte LABEL_AES_GMAC_SIV_K0 = '0';
    /** Label of the CTR/tag key K1. */
    public static final byte LABEL_AES_GMAC_SIV_K1 = '1';

    private Kbkdf() {}

    /** HMAC-SHA-384 (RFC 2104) of {@code message} under {@code key}. */
    public static byte[] hmacSha384(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA384");
            mac.init(new SecretKeySpec(key, "HmacSHA384"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA384 unavailable", e);
        }
    }

    /**
     * The 13-byte PRF input: {@code iter(4, BE) || "ZT" || label || 0x00 || context || 0x00000180}.
     */
    public static byte[] prfInput(byte label, byte context, int iter) {
        return new byte[] {
                (byte) (iter >>> 24), (byte) (iter >>> 16), (byte) (iter >>> 8), (byte) iter,
                'Z', 'T', label, 0, context, 0, 0, 0x01, (byte) 0x80};
    }

    /** {@code HMAC-SHA-384(key, prfInput(label, context, iter))}: 48 bytes. */
    public static byte[] derive(byte[] key, byte label, byte context, int iter) {
        return hmacSha384(key, prfInput(label, context, iter));
    }
}
