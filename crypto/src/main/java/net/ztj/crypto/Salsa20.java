package net.ztj.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The original Salsa20 stream cipher of D. J. Bernstein (32-byte key, 8-byte IV, 64-bit block counter) with 12 or
 * 20 rounds (spec 01 §3). Written by hand because the JDK has no Salsa20; Bouncy Castle's engine is about
 * 2.5 times slower on packet-sized inputs (see the bench module and docs/performance.md).
 *
 * <p>An instance is a reusable cipher: {@link #init} sets key and IV and rewinds the counter to 0. Each
 * {@link #crypt} call consumes whole 64-byte blocks: the unused tail of its last block is discarded and the next
 * call starts at the next block, as ZeroTier's cipher object does (spec 01 §3.1). Not thread-safe.
 */
public final class Salsa20 {
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int doubleRounds;
    private final int[] state = new int[16];
    private final int[] block = new int[16];

    /** @param rounds 12 (packets) or 20 (identity proof of work); any even number works */
    public Salsa20(int rounds) {
        if (rounds <= 0 || (rounds & 1) != 0) throw new IllegalArgumentException("rounds must be even and positive");
        this.doubleRounds = rounds / 2;
    }

    /** Sets a 32-byte key and an 8-byte IV (both read from arrays) and rewinds the block counter to 0. */
    public Salsa20 init(byte[] key, int keyOff, byte[] iv, int ivOff) {
        return init(key, keyOff, (long) LE_LONG.get(iv, ivOff));
    }

    /**
     * Sets a 32-byte key and the IV given as the little-endian reading of its 8 bytes, and rewinds the counter.
     */
    public Salsa20 init(byte[] key, int keyOff, long ivLittleEndian) {
        int[] s = state;
        s[0] = 0x61707865;
        s[1] = (int) LE_INT.get(key, keyOff);
        s[2] = (int) LE_INT.get(key, keyOff + 4);
        s[3] = (int) LE_INT.get(key, keyOff + 8);
        s[4] = (int) LE_INT.get(key, keyOff + 12);
        s[5] = 0x3320646e;
        s[6] = (int) ivLittleEndian;
        s[7] = (int) (ivLittleEndian >>> 32);
        s[8] = 0;
        s[9] = 0;
        s[10] = 0x79622d32;
        s[11] = (int) LE_INT.get(key, keyOff + 16);
        s[12] = (int) LE_INT.get(key, keyOff + 20);
        s[13] = (int) LE_INT.get(key, keyOff + 24);
        s[14] = (int) LE_INT.get(key, keyOff + 28);
        s[15] = 0x6b206574;
        return this;
    }

    /** The 64-bit block counter of the next block to be produced. */
    public long counter() {
        return (state[8] & 0xffffffffL) | ((long) state[9] << 32);
    }

    /**
     * XORs {@code len} bytes of {@code in} with the keystream into {@code out} (they may be the same array and
     * offset), consuming {@code ceil(len / 64)} whole blocks.
     */
    public void crypt(byte[] in, int inOff, byte[] out, int outOff, int len) {
        int[] b = block;
        while (len >= 64) {
            nextBlock(b);
            for (int i = 0; i < 16; i += 2) {
                long k = (b[i] & 0xffffffffL) | ((long) b[i + 1] << 32);
                LE_LONG.set(out, outOff + 4 * i, (long) LE_LONG.get(in, inOff + 4 * i) ^ k);
            }
            inOff += 64;
            outOff += 64;
            len -= 64;
        }
        if (len > 0) {
            nextBlock(b);
            int i = 0;
            for (; i + 4 <= len; i += 4) {
                LE_INT.set(out, outOff + i, (int) LE_INT.get(in, inOff + i) ^ b[i >> 2]);
            }
            for (; i < len; i++) {
                out[outOff + i] = (byte) (in[inOff + i] ^ (b[i >> 2] >>> ((i & 3) << 3)));
            }
        }
    }

    /** Writes {@code len} keystream bytes to {@code out} (same block consumption as {@link #crypt}). */
    public void keystream(byte[] out, int outOff, int len) {
        int[] b = block;
        while (len > 0) {
            nextBlock(b);
            int n = Math.min(64, len);
            int i = 0;
            for (; i + 4 <= n; i += 4) LE_INT.set(out, outOff + i, b[i >> 2]);
            for (; i < n; i++) out[outOff + i] = (byte) (b[i >> 2] >>> ((i & 3) << 3));
            outOff += n;
            len -= n;
        }
    }

    /**
     * Produces the next keystream block as 16 words (word {@code i} is the little-endian reading of keystream bytes
     * {@code 4i..4i+3}) and advances the counter.
     */
    public void nextBlock(int[] out) {
        int[] s = state;
        int x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3], x4 = s[4], x5 = s[5], x6 = s[6], x7 = s[7];
        int x8 = s[8], x9 = s[9], x10 = s[10], x11 = s[11], x12 = s[12], x13 = s[13], x14 = s[14], x15 = s[15];
        for (int r = doubleRounds; r > 0; r--) {
            // column round
            x4 ^= Integer.rotateLeft(x0 + x12, 7);
            x8 ^= Integer.rotateLeft(x4 + x0, 9);
            x12 ^= Integer.rotateLeft(x8 + x4, 13);
            x0 ^= Integer.rotateLeft(x12 + x8, 18);
            x9 ^= Integer.rotateLeft(x5 + x1, 7);
            x13 ^= Integer.rotateLeft(x9 + x5, 9);
            x1 ^= Integer.rotateLeft(x13 + x9, 13);
            x5 ^= Integer.rotateLeft(x1 + x13, 18);
            x14 ^= Integer.rotateLeft(x10 + x6, 7);
            x2 ^= Integer.rotateLeft(x14 + x10, 9);
            x6 ^= Integer.rotateLeft(x2 + x14, 13);
            x10 ^= Integer.rotateLeft(x6 + x2, 18);
            x3 ^= Integer.rotateLeft(x15 + x11, 7);
            x7 ^= Integer.rotateLeft(x3 + x15, 9);
            x11 ^= Integer.rotateLeft(x7 + x3, 13);
            x15 ^= Integer.rotateLeft(x11 + x7, 18);
            // row round
            x1 ^= Integer.rotateLeft(x0 + x3, 7);
            x2 ^= Integer.rotateLeft(x1 + x0, 9);
            x3 ^= Integer.rotateLeft(x2 + x1, 13);
            x0 ^= Integer.rotateLeft(x3 + x2, 18);
            x6 ^= Integer.rotateLeft(x5 + x4, 7);
            x7 ^= Integer.rotateLeft(x6 + x5, 9);
            x4 ^= Integer.rotateLeft(x7 + x6, 13);
            x5 ^= Integer.rotateLeft(x4 + x7, 18);
            x11 ^= Integer.rotateLeft(x10 + x9, 7);
            x8 ^= Integer.rotateLeft(x11 + x10, 9);
            x9 ^= Integer.rotateLeft(x8 + x11, 13);
            x10 ^= Integer.rotateLeft(x9 + x8, 18);
            x12 ^= Integer.rotateLeft(x15 + x14, 7);
            x13 ^= Integer.rotateLeft(x12 + x15, 9);
            x14 ^= Integer.rotateLeft(x13 + x12, 13);
            x15 ^= Integer.rotateLeft(x14 + x13, 18);
        }
        out[0] = x0 + s[0];
        out[1] = x1 + s[1];
        out[2] = x2 + s[2];
        out[3] = x3 + s[3];
        out[4] = x4 + s[4];
        out[5] = x5 + s[5];
        out[6] = x6 + s[6];
        out[7] = x7 + s[7];
        out[8] = x8 + s[8];
        out[9] = x9 + s[9];
        out[10] = x10 + s[10];
        out[11] = x11 + s[11];
        out[12] = x12 + s[12];
        out[13] = x13 + s[13];
        out[14] = x14 + s[14];
        out[15] = x15 + s[15];
        if (++s[8] == 0) s[9]++;
    }
}
