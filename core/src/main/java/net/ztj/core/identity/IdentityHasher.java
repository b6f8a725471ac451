package net.ztj.core.identity;

import net.ztj.crypto.Salsa20;
import net.ztj.crypto.Sha;

/**
 * The memory-hard hash {@code H(pub)} of ZeroTier's type-0 identities (spec 01 §9.2): a 2 MiB buffer filled from a
 * Salsa20/20 stream keyed by SHA-512 of the public key, then 131,072 data-dependent swaps between the buffer and
 * the digest. An identity is valid when {@code H[0] < 17} and {@code H[59..63]} is its address.
 *
 * <p>The 2 MiB scratch buffer belongs to the instance and is reused, so keep one hasher per thread that generates
 * or validates identities. Not thread-safe.
 */
public final class IdentityHasher {
    /** Bytes of scratch memory the hash walks through. */
    public static final int MEMORY_BYTES = 2 * 1024 * 1024;
    private static final int WORDS = MEMORY_BYTES / 8;

    /** Digests whose first byte is below this satisfy the work requirement. */
    public static final int FIRST_BYTE_LIMIT = 17;

    // Word k holds bytes 8k..8k+7 of the reference buffer read big-endian: words are only moved around, and the
    // two index computations read them big-endian, so this representation needs no conversion there.
    private final long[] mem = new long[WORDS];
    private final long[] digest = new long[8];
    private final int[] block = new int[16];
    private final Salsa20 salsa = new Salsa20(20);

    /** Computes the 64-byte {@code H(publicKey)}. */
    public byte[] hash(byte[] publicKey) {
        fill(publicKey);
        return mix();
    }

    /** Steps 1 to 3: digest the key, key the stream, fill the buffer. Package-private for step-by-step tests. */
    void fill(byte[] publicKey) {
        byte[] d = Sha.sha512(publicKey);
        salsa.init(d, 0, d, 32);
        long[] dw = digest;
        for (int k = 0; k < 8; k++) dw[k] = readBigEndianLong(d, 8 * k);

        long[] m = mem;
        int[] b = block;
        salsa.nextBlock(b);
        for (int k = 0; k < 8; k++) m[k] = blockWord(b, k);
        for (int w = 8; w < WORDS; w += 8) {
            salsa.nextBlock(b);
            for (int k = 0; k < 8; k++) m[w + k] = m[w + k - 8] ^ blockWord(b, k);
        }
    }

    /** Steps 4 and 5: the data-dependent swaps; returns the digest. */
    byte[] mix() {
        long[] m = mem;
        long[] dw = digest;
        int[] b = block;

        for (int i = 0; i < WORDS; i += 2) {
            int idx1 = (int) (m[i] & 7);
            int idx2 = (int) (m[i + 1] & (WORDS - 1));
            long t = m[idx2];
            m[idx2] = dw[idx1];
            dw[idx1] = t;
            salsa.nextBlock(b);
            for (int k = 0; k < 8; k++) dw[k] ^= blockWord(b, k);
        }

        byte[] out = new byte[64];
        for (int k = 0; k < 8; k++) writeBigEndianLong(dw[k], out, 8 * k);
        return out;
    }

    /** Bytes {@code off..off+len} of the scratch buffer as the reference lays it out (tests only). */
    byte[] memoryBytes(int off, int len) {
        byte[] out = new byte[len];
        byte[] w = new byte[8];
        for (int i = 0; i < len; i++) {
            int pos = off + i;
            writeBigEndianLong(mem[pos >>> 3], w, 0);
            out[i] = w[pos & 7];
        }
        return out;
    }

    /** Whether a digest meets the work requirement and names a usable address. */
    public static boolean acceptable(byte[] digest) {
        return (digest[0] & 0xff) < FIRST_BYTE_LIMIT && !addressOf(digest).isReserved();
    }

    /** The address a digest derives: its last five bytes. */
    public static Address addressOf(byte[] digest) {
        return Address.fromBytes(digest, 59);
    }

    /** Keystream bytes 8k..8k+7 of a block (given as little-endian words) read as a big-endian long. */
    private static long blockWord(int[] b, int k) {
        return ((long) Integer.reverseBytes(b[2 * k]) << 32) | (Integer.reverseBytes(b[2 * k + 1]) & 0xffffffffL);
    }

    private static long readBigEndianLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[off + i] & 0xffL);
        return v;
    }

    private static void writeBigEndianLong(long v, byte[] b, int off) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
