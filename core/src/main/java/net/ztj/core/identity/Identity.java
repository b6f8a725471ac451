package net.ztj.core.identity;

import net.ztj.crypto.C25519;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A type-0 ZeroTier identity: a 40-bit address bound by proof of work to a 64-byte C25519 public key, with the
 * 64-byte private key when it is our own (spec 01 §9). Immutable; the key arrays are never handed out.
 *
 * <p>Parsing checks the form only; {@link #locallyValidate} checks the proof of work and must be applied to every
 * identity that comes from outside.
 */
public final class Identity {
    /** The only identity type of ZeroTier 1.x. */
    public static final int TYPE_C25519 = 0;
    /** Bytes of the binary form without the private key. */
    public static final int PUBLIC_BINARY_LENGTH = 71;
    /** Bytes of the binary form with the private key. */
    public static final int SECRET_BINARY_LENGTH = 135;

    private static final HexFormat HEX = HexFormat.of();

    private final Address address;
    private final byte[] publicKey;
    private final byte[] privateKey; // null when public only

    private Identity(Address address, byte[] publicKey, byte[] privateKey) {
        this.address = address;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /**
     * Builds an identity from its parts (copies the arrays).
     *
     * @param privateKey 64 bytes or {@code null}
     * @throws IllegalArgumentException for a reserved address or wrong key lengths
     */
    public static Identity of(Address address, byte[] publicKey, byte[] privateKey) {
        if (address.isReserved()) throw new IllegalArgumentException("reserved address " + address);
        if (publicKey.length != C25519.PUBLIC_KEY_BYTES) throw new IllegalArgumentException("public key is not 64 bytes");
        if (privateKey != null && privateKey.length != C25519.PRIVATE_KEY_BYTES) {
            throw new IllegalArgumentException("private key is not 64 bytes");
        }
        return new Identity(address, publicKey.clone(), privateKey == null ? null : privateKey.clone());
    }

    /**
     * Generates a new identity: random keys, the X25519 half re-drawn until the proof of work yields an acceptable
     * digest (about 15 tries on average).
     */
    public static Identity generate(SecureRandom random, IdentityHasher hasher) {
        byte[] priv = new byte[C25519.PRIVATE_KEY_BYTES];
        byte[] pub = new byte[C25519.PUBLIC_KEY_BYTES];
        random.nextBytes(priv);
        C25519.ed25519PublicFromSeed(priv, 32, pub, 32);
        byte[] x = new byte[32];
        while (true) {
            random.nextBytes(x);
            System.arraycopy(x, 0, priv, 0, 32);
            C25519.x25519PublicFromPrivate(priv, 0, pub, 0);
            byte[] digest = hasher.hash(pub);
            if (IdentityHasher.acceptable(digest)) {
                return new Identity(IdentityHasher.addressOf(digest), pub.clone(), priv.clone());
            }
        }
    }

    /** Generates a new identity with a hasher of its own. */
    public static Identity generate(SecureRandom random) {
        return generate(random, new IdentityHasher());
    }

    /**
     * Parses {@code address:0:public[:private]} (spec 01 §9.3): 10 hex digits, type exactly {@code 0}, 128 hex
     * digits of public key, optionally 128 of private key.
     *
     * @throws IllegalArgumentException with the reason when the text is not an identity
     */
    public static Identity fromString(String text) {
        String[] f = text.trim().split(":", -1);
        if (f.length != 3 && f.length != 4) throw new IllegalArgumentException("an identity has 3 or 4 fields separated by ':'");
        Address address = Address.parse(f[0]);
        if (address.isReserved()) throw new IllegalArgumentException("reserved address " + address);
        if (!f[1].equals("0")) throw new IllegalArgumentException("unsupported identity type '" + f[1] + "'");
        byte[] pub = parseKey(f[2], "public");
        byte[] priv = f.length == 4 ? parseKey(f[3], "private") : null;
        return new Identity(address, pub, priv);
    }

    private static byte[] parseKey(String hex, String which) {
        if (hex.length() != 128) throw new IllegalArgumentException(which + " key is not 128 hex digits");
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(which + " key is not hex");
        }
    }

    /**
     * Reads the binary form at {@code b[off]} (spec 01 §9.4); {@link #binaryLength} tells how many bytes it took.
     *
     * @param limit index just past the last readable byte
     * @throws IllegalArgumentException if truncated or malformed
     */
    public static Identity fromBytes(byte[] b, int off, int limit) {
        if (limit - off < PUBLIC_BINARY_LENGTH) throw new IllegalArgumentException("identity truncated");
        Address address = Address.fromBytes(b, off);
        if (b[off + 5] != TYPE_C25519) throw new IllegalArgumentException("unsupported identity type " + (b[off + 5] & 0xff));
        byte[] pub = Arrays.copyOfRange(b, off + 6, off + 70);
        int privLen = b[off + 70] & 0xff;
        byte[] priv = null;
        if (privLen == C25519.PRIVATE_KEY_BYTES) {
            if (limit - off < SECRET_BINARY_LENGTH) throw new IllegalArgumentException("identity truncated");
            priv = Arrays.copyOfRange(b, off + 71, off + 135);
        } else if (privLen != 0) {
            throw new IllegalArgumentException("bad private key length " + privLen);
        }
        if (address.isReserved()) throw new IllegalArgumentException("reserved address " + address);
        return new Identity(address, pub, priv);
    }

    /** Bytes this identity occupies in binary form (with the private key if it has one). */
    public int binaryLength() {
        return privateKey == null ? PUBLIC_BINARY_LENGTH : SECRET_BINARY_LENGTH;
    }

    /** Writes the binary form at {@code b[off]}; returns the number of bytes written. */
    public int writeTo(byte[] b, int off, boolean includePrivate) {
        address.writeTo(b, off);
        b[off + 5] = TYPE_C25519;
        System.arraycopy(publicKey, 0, b, off + 6, 64);
        if (includePrivate && privateKey != null) {
            b[off + 70] = (byte) C25519.PRIVATE_KEY_BYTES;
            System.arraycopy(privateKey, 0, b, off + 71, 64);
            return SECRET_BINARY_LENGTH;
        }
        b[off + 70] = 0;
        return PUBLIC_BINARY_LENGTH;
    }

    /** The binary form (71 bytes, or 135 with the private key). */
    public byte[] toBytes(boolean includePrivate) {
        byte[] b = new byte[includePrivate && privateKey != null ? SECRET_BINARY_LENGTH : PUBLIC_BINARY_LENGTH];
        writeTo(b, 0, includePrivate);
        return b;
    }

    /** Checks the proof of work: a non-reserved address that equals {@code H(pub)[59..63]} with {@code H[0] < 17}. */
    public boolean locallyValidate(IdentityHasher hasher) {
        if (address.isReserved()) return false;
        byte[] digest = hasher.hash(publicKey);
        return (digest[0] & 0xff) < IdentityHasher.FIRST_BYTE_LIMIT && IdentityHasher.addressOf(digest).equals(address);
    }

    /** {@link #locallyValidate(IdentityHasher)} with a hasher of its own (allocates 2 MiB). */
    public boolean locallyValidate() {
        return locallyValidate(new IdentityHasher());
    }

    /** A half of the C25519 key pair (spec 01 §7). */
    public enum KeyHalf {
        /** bytes 0..31: the X25519 key-agreement key */
        X25519("X25519 key-agreement"),
        /** bytes 32..63: the Ed25519 signing key */
        ED25519("Ed25519 signing");

        private final String description;

        KeyHalf(String description) {
            this.description = description;
        }

        /** How a message names this half. */
        public String description() {
            return description;
        }
    }

    /**
     * The halves of the private key that do not belong to the public key: each half's public key is derived from
     * the private one and compared, and a signature made with the private key must verify under the public key
     * (which fails when the Ed25519 half is wrong). Empty when the pair matches or there is no private key.
     */
    public EnumSet<KeyHalf> keyPairMismatches() {
        EnumSet<KeyHalf> wrong = EnumSet.noneOf(KeyHalf.class);
        if (privateKey == null) return wrong;
        byte[] derived = C25519.publicFromPrivate(privateKey);
        if (!Arrays.equals(derived, 0, 32, publicKey, 0, 32)) wrong.add(KeyHalf.X25519);
        if (!Arrays.equals(derived, 32, 64, publicKey, 32, 64)) wrong.add(KeyHalf.ED25519);
        byte[] probe = "ztj identity key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!C25519.verify(publicKey, probe, C25519.sign(privateKey, probe))) wrong.add(KeyHalf.ED25519);
        return wrong;
    }

    public Address address() {
        return address;
    }

    /** A copy of the 64-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Whether the private key is present. */
    public boolean hasPrivate() {
        return privateKey != null;
    }

    /** A copy of the private key, if present. */
    public Optional<byte[]> privateKey() {
        return Optional.ofNullable(privateKey).map(byte[]::clone);
    }

    /** This identity without its private key. */
    public Identity publicOnly() {
        return privateKey == null ? this : new Identity(address, publicKey, null);
    }

    /** Signs a message: 96 bytes (spec 01 §8). @throws IllegalStateException without a private key */
    public byte[] sign(byte[] message, int off, int len) {
        if (privateKey == null) throw new IllegalStateException("identity " + address + " has no private key");
        return C25519.sign(privateKey, message, off, len);
    }

    /** Signs a whole array. */
    public byte[] sign(byte[] message) {
        return sign(message, 0, message.length);
    }

    /** Verifies a 96-byte signature made by this identity. */
    public boolean verify(byte[] message, int off, int len, byte[] sig, int sigOff, int sigLen) {
        return C25519.verify(publicKey, message, off, len, sig, sigOff, sigLen);
    }

    /** Verifies a signature over a whole array. */
    public boolean verify(byte[] message, byte[] sig) {
        return verify(message, 0, message.length, sig, 0, sig.length);
    }

    /**
     * The 48-byte symmetric key shared with another identity (spec 01 §7.2).
     *
     * @throws IllegalStateException without a private key
     * @throws C25519.InvalidPeerKeyException if the other key is of small order
     */
    public byte[] agree(Identity other) throws C25519.InvalidPeerKeyException {
        if (privateKey == null) throw new IllegalStateException("identity " + address + " has no private key");
        return C25519.agree(privateKey, other.publicKey, 48);
    }

    /** The text form {@code address:0:public}. */
    public String toPublicString() {
        return address + ":0:" + HEX.formatHex(publicKey);
    }

    /** The text form with the private key appended when present. */
    public String toSecretString() {
        return privateKey == null ? toPublicString() : toPublicString() + ":" + HEX.formatHex(privateKey);
    }

    /** The public text form (never the secret). */
    @Override
    public String toString() {
        return toPublicString();
    }

    /** Equal when address and public key are equal (spec 01 §9.6). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Identity other && address.equals(other.address) && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + Arrays.hashCode(publicKey);
    }
}
