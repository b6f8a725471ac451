package net.ztj.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Poly1305 one-time authenticator (RFC 8439 §2.5, NaCl {@code crypto_onetimeauth}): 32-byte key, 16-byte tag,
 * the message processed exactly as given (spec 01 §4). Hand-written because the JDK has none; 26-bit limbs in
 * {@code long} arithmetic, no allocation.
 */
public final class Poly1305 {
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M26 = 0x3ffffffL;
    private static final long M32 = 0xffffffffL;

    /** Size of a tag in bytes. */
    public static final int TAG_BYTES = 16;

    private Poly1305() {}

    /**
     * Computes the 16-byte tag of {@code msg[off..off+len)} under the 32-byte key at {@code key[keyOff]} and writes
     * it to {@code out[outOff..outOff+16)}.
     */
    public static void mac(byte[] key, int keyOff, byte[] msg, int off, int len, byte[] out, int outOff) {
        long t0 = (int) LE_INT.get(key, keyOff) & M32;
        long t1 = (int) LE_INT.get(key, keyOff + 4) & M32;
        long t2 = (int) LE_INT.get(key, keyOff + 8) & M32;
        long t3 = (int) LE_INT.get(key, keyOff + 12) & M32;
        final long r0 = t0 & 0x3ffffffL;
        final long r1 = ((t0 >>> 26) | (t1 << 6)) & 0x3ffff03L;
        final long r2 = ((t1 >>> 20) | (t2 << 12)) & 0x3ffc0ffL;
        final long r3 = ((t2 >>> 14) | (t3 << 18)) & 0x3f03fffL;
        final long r4 = (t3 >>> 8) & 0x00fffffL;
        final long s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;

        long h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0;
        int end = off + len;
        while (off < end) {
            long lo, hi, hibit;
            if (end - off >= 16) {
                lo = (long) LE_LONG.get(msg, off);
                hi = (long) LE_LONG.get(msg, off + 8);
                hibit = 1L << 24;
                off += 16;
            } else {
                // final partial block: append 0x01 then zeros, no 2^128 bit
                lo = 0;
                hi = 0;
                int n = end - off;
                for (int i = 0; i < n; i++) {
                    long b = msg[off + i] & 0xffL;
                    if (i < 8) lo |= b << (i << 3); else hi |= b << ((i - 8) << 3);
                }
                if (n < 8) lo |= 1L << (n << 3); else hi |= 1L << ((n - 8) << 3);
                hibit = 0;
                off = end;
            }
            h0 += lo & M26;
            h1 += (lo >>> 26) & M26;
            h2 += ((lo >>> 52) | (hi << 12)) & M26;
            h3 += (hi >>> 14) & M26;
            h4 += (hi >>> 40) | hibit;

            long d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
            long d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
            long d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
            long d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
            long d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;

            long c = d0 >>> 26; h0 = d0 & M26;
            d1 += c; c = d1 >>> 26; h1 = d1 & M26;
            d2 += c; c = d2 >>> 26; h2 = d2 & M26;
            d3 += c; c = d3 >>> 26; h3 = d3 & M26;
            d4 += c; c = d4 >>> 26; h4 = d4 & M26;
            h0 += c * 5; c = h0 >>> 26; h0 &= M26;
            h1 += c;
        }

        // full carry, then reduce mod 2^130 - 5
        long c = h1 >>> 26; h1 &= M26;
        h2 += c; c = h2 >>> 26; h2 &= M26;
        h3 += c; c = h3 >>> 26; h3 &= M26;
        h4 += c; c = h4 >>> 26; h4 &= M26;
        h0 += c * 5; c = h0 >>> 26; h0 &= M26;
        h1 += c;

        long g0 = h0 + 5; c = g0 >>> 26; g0 &= M26;
        long g1 = h1 + c; c = g1 >>> 26; g1 &= M26;
        long g2 = h2 + c; c = g2 >>> 26; g2 &= M26;
        long g3 = h3 + c; c = g3 >>> 26; g3 &= M26;
        long g4 = h4 + c - (1L << 26);
        long useG = ~(g4 >> 63); // all ones when h >= p
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);
        h2 = (h2 & ~useG) | (g2 & useG);
        h3 = (h3 & ~useG) | (g3 & useG);
        h4 = (h4 & ~useG) | (g4 & useG);

        long w0 = (h0 | (h1 << 26)) & M32;
        long w1 = ((h1 >>> 6) | (h2 << 20)) & M32;
        long w2 = ((h2 >>> 12) | (h3 << 14)) & M32;
        long w3 = ((h3 >>> 18) | (h4 << 8)) & M32;

        long f = w0 + ((int) LE_INT.get(key, keyOff + 16) & M32);
        LE_INT.set(out, outOff, (int) f);
        f = w1 + ((int) LE_INT.get(key, keyOff + 20) & M32) + (f >>> 32);
        LE_INT.set(out, outOff + 4, (int) f);
        f = w2 + ((int) LE_INT.get(key, keyOff + 24) & M32) + (f >>> 32);
        LE_INT.set(out, outOff + 8, (int) f);
        f = w3 + ((int) LE_INT.get(key, keyOff + 28) & M32) + (f >>> 32);
        LE_INT.set(out, outOff + 12, (int) f);
    }
}
