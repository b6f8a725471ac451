package net.ztj.crypto;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;

/**
 * ZeroTier's "C25519" keys (spec 01 §7–§8): a 64-byte public key {@code X25519 public || Ed25519 public} and a
 * 64-byte private key {@code X25519 scalar || Ed25519 seed}, two unrelated key pairs glued together. Agreement
 * is X25519 followed by SHA-512; signatures are 96 bytes: Ed25519 over the first 32 bytes of SHA-512(message),
 * followed by those 32 bytes. Curve arithmetic is the JDK's (XDH, EdDSA); only the framing is ours.
 */
public final class C25519 {
    /** Bytes in a public key. */
    public static final int PUBLIC_KEY_BYTES = 64;
    /** Bytes in a private key. */
    public static final int PRIVATE_KEY_BYTES = 64;
    /** Bytes in a ZeroTier signature. */
    public static final int SIGNATURE_BYTES = 96;

    private C25519() {}

    /** A key pair; arrays are owned by the caller (copies are not made). */
    public record KeyPair(byte[] publicKey, byte[] privateKey) {}

    /** Thrown by {@link #agree} for a peer public key of small order (all-zero X25519 output). */
    public static final class InvalidPeerKeyException extends Exception {
        public InvalidPeerKeyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Generates a random key pair. */
    public static KeyPair generate(SecureRandom random) {
        byte[] priv = new byte[PRIVATE_KEY_BYTES];
        random.nextBytes(priv);
        return new KeyPair(publicFromPrivate(priv), priv);
    }

    /** Computes both public halves from a 64-byte private key. */
    public static byte[] publicFromPrivate(byte[] priv) {
        byte[] pub = new byte[PUBLIC_KEY_BYTES];
        x25519PublicFromPrivate(priv, 0, pub, 0);
        ed25519PublicFromSeed(priv, 32, pub, 32);
        return pub;
    }

    /** Computes the X25519 public key of the 32-byte scalar at {@code priv[off]} into {@code out[outOff]}. */
    public static void x25519PublicFromPrivate(byte[] priv, int off, byte[] out, int outOff) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
            g.initialize(NamedParameterSpec.X25519, new FixedBytes(Arrays.copyOfRange(priv, off, off + 32)));
            XECPublicKey pk = (XECPublicKey) g.generateKeyPair().getPublic();
            writeLittleEndian(pk.getU(), out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 unavailable", e);
        }
    }

    /** Computes the Ed25519 public key of the 32-byte seed at {@code seed[off]} into {@code out[outOff]}. */
    public static void ed25519PublicFromSeed(byte[] seed, int off, byte[] out, int outOff) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(NamedParameterSpec.ED25519, new FixedBytes(Arrays.copyOfRange(seed, off, off + 32)));
            EdECPoint p = ((EdECPublicKey) g.generateKeyPair().getPublic()).getPoint();
            writeLittleEndian(p.getY(), out, outOff);
            if (p.isXOdd()) out[outOff + 31] |= (byte) 0x80;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    /**
     * The raw 32-byte X25519 shared secret of my private key and the peer's public key.
     *
     * @throws InvalidPeerKeyException if the peer key is of small order (the result would be all zeros)
     */
    public static byte[] agreeRaw(byte[] myPrivate, byte[] peerPublic) throws InvalidPeerKeyException {
        try {
            KeyFactory kf = KeyFactory.getInstance("XDH");
            PrivateKey sk = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519,
                    Arrays.copyOfRange(myPrivate, 0, 32)));
            PublicKey pk = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                    readLittleEndian(peerPublic, 0, true)));
            javax.crypto.KeyAgreement ka = javax.crypto.KeyAgreement.getInstance("XDH");
            ka.init(sk);
            ka.doPhase(pk, true);
            return ka.generateSecret();
        } catch (InvalidKeyException e) {
            throw new InvalidPeerKeyException("peer key yields no shared secret", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 unavailable", e);
        }
    }

    /**
     * Key agreement as ZeroTier does it: the stream {@code SHA-512(raw) || SHA-512(SHA-512(raw)) || ...}
     * truncated to {@code length} bytes. The per-peer protocol key is {@code agree(a, B, 48)}.
     */
    public static byte[] agree(byte[] myPrivate, byte[] peerPublic, int length) throws InvalidPeerKeyException {
        byte[] block = agreeRaw(myPrivate, peerPublic);
        byte[] out = new byte[length];
        MessageDigest md = Sha.sha512();
        for (int done = 0; done < length; done += 64) {
            block = md.digest(block);
            System.arraycopy(block, 0, out, done, Math.min(64, length - done));
        }
        return out;
    }

    /** Signs {@code message} with a 64-byte private key: 96 bytes {@code R || S || SHA-512(m)[0..31]}. */
    public static byte[] sign(byte[] privateKey, byte[] message, int off, int len) {
        byte[] h = Arrays.copyOf(Sha.sha512(message, off, len), 32);
        try {
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            PrivateKey sk = kf.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519,
                    Arrays.copyOfRange(privateKey, 32, 64)));
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(sk);
            s.update(h);
            byte[] sig = Arrays.copyOf(s.sign(), SIGNATURE_BYTES);
            System.arraycopy(h, 0, sig, 64, 32);
            return sig;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    /** Signs a whole array. */
    public static byte[] sign(byte[] privateKey, byte[] message) {
        return sign(privateKey, message, 0, message.length);
    }

    /**
     * Verifies a 96-byte ZeroTier signature of {@code message} under the 64-byte public key. Any malformed input
     * (wrong lengths, a key that is not a curve point) is simply a failed verification.
     *
     * <p>The Ed25519 check is Bouncy Castle's rather than the JDK's: a node verifies on its packet path (a network
     * configuration, the certificates a peer pushes when its controller renewed them), and the JDK's took 0.5-0.6 ms
     * warm and 1-9 ms in its first tens of calls on a two-core machine, where this one takes 0.07 ms warm and
     * about 0.4 ms from its second call ({@link #prepare} does the first call's table building ahead).
     */
    public static boolean verify(byte[] publicKey, byte[] message, int off, int len, byte[] sig, int sigOff, int sigLen) {
        if (sigLen != SIGNATURE_BYTES || publicKey.length != PUBLIC_KEY_BYTES) return false;
        if (sigOff < 0 || sigOff > sig.length - SIGNATURE_BYTES) return false;
        byte[] h = Sha.sha512(message, off, len);
        if (!MessageDigest.isEqual(Arrays.copyOf(h, 32), Arrays.copyOfRange(sig, sigOff + 64, sigOff + 96))) {
            return false;
        }
        try {
            // the signed message is the digest's first 32 bytes, as they travel in the signature's last 32
            return Ed25519.verify(sig, sigOff, publicKey, 32, sig, sigOff + 64, 32);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Builds the tables Ed25519 verification uses (about 30 ms of a starting JVM), so that the first signature a node
     * verifies on its packet path does not pay for them; the daemon's warm-up calls it.
     */
    public static void prepare() {
        Ed25519.precompute();
    }

    /** Verifies a signature over a whole array. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] sig) {
        return verify(publicKey, message, 0, message.length, sig, 0, sig.length);
    }

    private static BigInteger readLittleEndian(byte[] b, int off, boolean clearTopBit) {
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) be[31 - i] = b[off + i];
        if (clearTopBit) be[0] &= 0x7f;
        return new BigInteger(1, be);
    }

    private static void writeLittleEndian(BigInteger v, byte[] out, int off) {
        byte[] be = v.toByteArray();
        Arrays.fill(out, off, off + 32, (byte) 0);
        for (int i = 0; i < be.length && i < 32; i++) out[off + i] = be[be.length - 1 - i];
    }

    /** Hands the JDK key generators a fixed private key, the JDK's only route from private to public key. */
    private static final class FixedBytes extends SecureRandom {
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) throw new IllegalStateException("unexpected key size request");
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
