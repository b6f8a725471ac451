package net.ztj.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A fast cryptographically strong generator for the node's per-packet randomness (packet ids, which are also the
 * armor's nonces): the Salsa20/20 keystream under a key taken once from a strong source (a {@link SecureRandom} in the daemon), re-keyed from its
 * own output every 64 KiB so that a later compromise of the state does not reveal earlier output. ZeroTier One
 * draws its packet ids from such a user-space keystream too; the JDK's default {@code NativePRNG} instead reads
 * {@code /dev/urandom} and runs SHA-1 on every call, which profiling showed as a third of the cost of a small frame.
 *
 * <p>Not thread-safe: one owner (the node, which runs under one lock).
 */
public final class KeystreamRandom implements RandomGenerator {
    private static final int BLOCKS_PER_KEY = 1024;

    private final Salsa20 salsa = new Salsa20(20);
    private final int[] block = new int[16];
    private int next = 16; // words of block[] used
    private int blocksLeft;

    /** Seeds the keystream from {@code seed} (32 bytes of key, 8 of nonce). */
    public KeystreamRandom(RandomGenerator seed) {
        byte[] key = new byte[40];
        seed.nextBytes(key);
        rekey(key);
    }

    private void rekey(byte[] key) {
        salsa.init(key, 0, key, 32);
        Arrays.fill(key, (byte) 0);
        blocksLeft = BLOCKS_PER_KEY;
    }

    @Override
    public long nextLong() {
        if (next > 14) refill();
        long v = (block[next] & 0xffffffffL) | ((long) block[next + 1] << 32);
        next += 2;
        return v;
    }

    @Override
    public int nextInt() {
        if (next > 15) refill();
        return block[next++];
    }

    private void refill() {
        if (--blocksLeft <= 0) {
            // fast key erasure: the next key is keystream that is never handed out
            byte[] key = new byte[40];
            salsa.keystream(key, 0, key.length);
            rekey(key);
        }
        salsa.nextBlock(block);
        next = 0;
    }
}
