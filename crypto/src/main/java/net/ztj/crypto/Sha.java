package net.ztj.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-512 and SHA-384 (FIPS 180-4) from the JDK, with the few shapes ZeroTier needs (spec 01 §2). */
public final class Sha {
    private Sha() {}

    /** A fresh SHA-512 digest. */
    public static MessageDigest sha512() {
        return digest("SHA-512");
    }

    /** A fresh SHA-384 digest. */
    public static MessageDigest sha384() {
        return digest("SHA-384");
    }

    /** SHA-512 of the concatenation of the given byte arrays. */
    public static byte[] sha512(byte[]... parts) {
        MessageDigest md = sha512();
        for (byte[] p : parts) md.update(p);
        return md.digest();
    }

    /** SHA-512 of a slice. */
    public static byte[] sha512(byte[] data, int off, int len) {
        MessageDigest md = sha512();
        md.update(data, off, len);
        return md.digest();
    }

    /** SHA-384 of the concatenation of the given byte arrays. */
    public static byte[] sha384(byte[]... parts) {
        MessageDigest md = sha384();
        for (byte[] p : parts) md.update(p);
        return md.digest();
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is missing from this JDK", e);
        }
    }
}
