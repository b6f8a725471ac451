package net.ztj.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * GHASH (NIST SP 800-38D §6.4) through the JDK's own block function, the one HotSpot replaces with its carry-less
 * multiply stub (PCLMULQDQ / VPCLMULQDQ on x86-64, PMULL on AArch64). The JDK keeps it inside
 * {@code com.sun.crypto.provider}, reachable only through its {@code AES/GCM} cipher, which allocates a new engine
 * and a 912-byte table of powers of H at every {@code init} and buffers all AAD until {@code doFinal}. Called
 * directly, one table per key is computed once and every packet hashes straight out of the caller's array.
 *
 * <p>That needs {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED} (the launchers' JVM options, the
 * jar's {@code Add-Opens} manifest entry, the test and benchmark JVMs). Without it, or on a JDK whose internals
 * differ, {@link #AVAILABLE} is false and {@link AesGmacSiv} keeps to the public {@code AES/GCM} cipher. The
 * handle is checked once against a GHASH computed here bit by bit before it is trusted.
 *
 * <p>The JDK's block function checks no bounds (its intrinsic reads raw memory): every caller passes ranges it has
 * checked. Not thread-safe; one instance per key.
 */
final class JdkGhash {
    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final MethodType GETTER = MethodType.methodType(long[].class, Object.class);

    /** {@code static void processBlocks(byte[] data, int ofs, int blocks, long[] state, long[] htbl)} */
    private static final MethodHandle PROCESS_BLOCKS = JdkInternals.find("GHASH", (lookup, c) -> lookup.findStatic(c,
            "processBlocks",
            MethodType.methodType(void.class, byte[].class, int.class, int.class, long[].class, long[].class)));
    /** {@code GHASH(byte[] subkeyH)} */
    private static final MethodHandle NEW_GHASH = JdkInternals.find("GHASH", (lookup, c) -> lookup
            .findConstructor(c, MethodType.methodType(void.class, byte[].class))
            .asType(MethodType.methodType(Object.class, byte[].class)));
    private static final MethodHandle GET_STATE = JdkInternals.find("GHASH",
            (lookup, c) -> lookup.findGetter(c, "state", long[].class).asType(GETTER));
    private static final MethodHandle GET_TABLE = JdkInternals.find("GHASH",
            (lookup, c) -> lookup.findGetter(c, "subkeyHtbl", long[].class).asType(GETTER));
    /** Whether the JDK's GHASH is reachable and agrees with the reference computation. */
    static final boolean AVAILABLE = PROCESS_BLOCKS != null && NEW_GHASH != null && GET_STATE != null
            && GET_TABLE != null && selfTest();

    private final long[] state;
    private final long[] table;

    /** @param h the hash subkey, E_K(0^128): 16 bytes at {@code h[hOff]}; requires {@link #AVAILABLE} */
    static JdkGhash forSubkey(byte[] h, int hOff) {
        if (!AVAILABLE) throw new IllegalStateException("the JDK's GHASH is not accessible");
        return new JdkGhash(java.util.Arrays.copyOfRange(h, hOff, hOff + 16));
    }

    private JdkGhash(byte[] subkey) {
        try {
            Object g = NEW_GHASH.invokeExact(subkey);
            state = (long[]) GET_STATE.invokeExact(g);
            table = (long[]) GET_TABLE.invokeExact(g);
        } catch (Throwable t) {
            throw new IllegalStateException("GHASH construction failed", t);
        }
        if (state.length != 2) throw new IllegalStateException("unexpected GHASH state layout");
    }

    /** Starts a new hash (Y = 0). */
    void reset() {
        state[0] = 0;
        state[1] = 0;
    }

    /**
     * Hashes {@code blocks} whole blocks at {@code data[off]}. The range must have been checked by the caller:
     * {@code 0 <= off} and {@code off + 16 * blocks <= data.length}.
     */
    void blocks(byte[] data, int off, int blocks) {
        if (blocks <= 0) return;
        try {
            PROCESS_BLOCKS.invokeExact(data, off, blocks, state, table);
        } catch (Throwable t) {
            throw new IllegalStateException("GHASH failed", t);
        }
    }

    /** Writes the hash value Y (big-endian, 16 bytes) to {@code out[outOff]}. */
    void value(byte[] out, int outOff) {
        BE_LONG.set(out, outOff, state[0]);
        BE_LONG.set(out, outOff + 8, state[1]);
    }

    /** Compares the JDK's GHASH with {@link #referenceHash} over a few blocks of fixed data. */
    private static boolean selfTest() {
        byte[] h = new byte[16];
        byte[] data = new byte[16 * 5];
        for (int i = 0; i < h.length; i++) h[i] = (byte) (0x5b * i + 0x31);
        for (int i = 0; i < data.length; i++) data[i] = (byte) (0x9d * i + 7);
        try {
            JdkGhash g = new JdkGhash(h);
            g.blocks(data, 0, 5);
            byte[] got = new byte[16];
            g.value(got, 0);
            return java.util.Arrays.equals(got, referenceHash(h, data));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * GHASH of whole blocks by the definition: Y = (Y ^ X_i) * H in GF(2^128) with the bit-reflected polynomial
     * x^128 + x^7 + x^2 + x + 1, one bit at a time (SP 800-38D Algorithm 1). Slow; for checking only.
     */
    static byte[] referenceHash(byte[] h, byte[] data) {
        long h0 = (long) BE_LONG.get(h, 0);
        long h1 = (long) BE_LONG.get(h, 8);
        long y0 = 0;
        long y1 = 0;
        for (int off = 0; off + 16 <= data.length; off += 16) {
            long x0 = y0 ^ (long) BE_LONG.get(data, off);
            long x1 = y1 ^ (long) BE_LONG.get(data, off + 8);
            long z0 = 0;
            long z1 = 0;
            long v0 = h0;
            long v1 = h1;
            for (int bit = 0; bit < 128; bit++) {
                long word = bit < 64 ? x0 : x1;
                if (((word >>> (63 - (bit & 63))) & 1) != 0) {
                    z0 ^= v0;
                    z1 ^= v1;
                }
                boolean lsb = (v1 & 1) != 0;
                v1 = (v1 >>> 1) | (v0 << 63);
                v0 >>>= 1;
                if (lsb) v0 ^= 0xe100000000000000L;
            }
            y0 = z0;
            y1 = z1;
        }
        byte[] out = new byte[16];
        BE_LONG.set(out, 0, y0);
        BE_LONG.set(out, 8, y1);
        return out;
    }
}
