package net.ztj.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * AES-CTR through the JDK's own counter mode object ({@code com.sun.crypto.provider.CounterMode} over
 * {@code AESCrypt}), whose {@code implCrypt} HotSpot replaces with its pipelined AES-NI / VAES stub. The public
 * {@code AES/CTR} cipher can only start a new counter by {@code init}, which allocates (key and IV copies, the
 * parameter object); here the key is expanded once and each packet only writes its initial counter block into the
 * array the mode object resets from. {@code AES/ECB} is no substitute: the JDK encrypts ECB block by block, several
 * times slower than its CTR stub.
 *
 * <p>Needs the same {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED} as {@link JdkGhash};
 * {@link #AVAILABLE} is false without it or when the JDK's internals differ, and is only true once a self-test
 * has matched the public {@code AES/CTR} cipher. Not thread-safe; one instance per key.
 */
final class JdkCtr {
    private static final MethodHandle NEW_AES = JdkInternals.find("AESCrypt", (lookup, c) -> lookup
            .findConstructor(c, MethodType.methodType(void.class)).asType(MethodType.methodType(Object.class)));
    private static final MethodHandle NEW_CTR = JdkInternals.find("CounterMode", (lookup, c) -> lookup
            .findConstructor(c, MethodType.methodType(void.class, JdkInternals.type("SymmetricCipher")))
            .asType(MethodType.methodType(Object.class, Object.class)));
    /** {@code void init(boolean decrypting, String algorithm, byte[] key, byte[] iv)} */
    private static final MethodHandle INIT = JdkInternals.find("CounterMode", (lookup, c) -> lookup
            .findVirtual(c, "init",
                    MethodType.methodType(void.class, boolean.class, String.class, byte[].class, byte[].class))
            .asType(MethodType.methodType(void.class, Object.class, boolean.class, String.class, byte[].class,
                    byte[].class)));
    /** {@code void reset()}: counter = iv, keystream used up */
    private static final MethodHandle RESET = JdkInternals.find("CounterMode", (lookup, c) -> lookup
            .findVirtual(c, "reset", MethodType.methodType(void.class))
            .asType(MethodType.methodType(void.class, Object.class)));
    /** {@code int encrypt(byte[] in, int inOff, int len, byte[] out, int outOff)} */
    private static final MethodHandle ENCRYPT = JdkInternals.find("CounterMode", (lookup, c) -> lookup
            .findVirtual(c, "encrypt",
                    MethodType.methodType(int.class, byte[].class, int.class, int.class, byte[].class, int.class))
            .asType(MethodType.methodType(int.class, Object.class, byte[].class, int.class, int.class, byte[].class,
                    int.class)));
    /** Whether the JDK's counter mode is reachable and agrees with the public cipher. */
    static final boolean AVAILABLE = NEW_AES != null && NEW_CTR != null && INIT != null && RESET != null
            && ENCRYPT != null && selfTest();

    private final Object mode;
    /** The array the mode object resets its counter from: written per packet. */
    private final byte[] iv = new byte[16];

    private JdkCtr(byte[] key) {
        try {
            mode = NEW_CTR.invokeExact(NEW_AES.invokeExact());
            INIT.invokeExact(mode, false, "AES", key, iv);
        } catch (Throwable t) {
            throw new IllegalStateException("AES-CTR construction failed", t);
        }
    }

    /** @param key a 32-byte AES key; requires {@link #AVAILABLE} */
    static JdkCtr forKey(byte[] key) {
        if (!AVAILABLE) throw new IllegalStateException("the JDK's counter mode is not accessible");
        return new JdkCtr(key.clone());
    }

    /**
     * XORs the keystream from counter block {@code counter[counterOff..+16)} (incremented as a 128-bit big-endian
     * number per block) into {@code buf[off..off+len)}, in place. The caller has checked the ranges.
     */
    void crypt(byte[] counter, int counterOff, byte[] buf, int off, int len) {
        System.arraycopy(counter, counterOff, iv, 0, 16);
        try {
            RESET.invokeExact(mode);
            int done = (int) ENCRYPT.invokeExact(mode, buf, off, len, buf, off);
            if (done != len) throw new IllegalStateException("AES-CTR processed " + done + " of " + len);
        } catch (Throwable t) {
            throw t instanceof RuntimeException e ? e : new IllegalStateException("AES-CTR failed", t);
        }
    }

    private static boolean selfTest() {
        try {
            byte[] key = new byte[32];
            byte[] counter = new byte[16];
            byte[] data = new byte[100];
            for (int i = 0; i < key.length; i++) key[i] = (byte) (0x3d * i + 1);
            for (int i = 0; i < counter.length; i++) counter[i] = (byte) (0xa7 * i + 5);
            counter[15] = (byte) 0xfe; // the count carries into byte 14
            for (int i = 0; i < data.length; i++) data[i] = (byte) (0x11 * i);
            javax.crypto.Cipher reference = javax.crypto.Cipher.getInstance("AES/CTR/NoPadding");
            reference.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                    new javax.crypto.spec.IvParameterSpec(counter));
            byte[] expected = reference.doFinal(data);
            JdkCtr ctr = new JdkCtr(key);
            byte[] first = data.clone();
            ctr.crypt(counter, 0, first, 0, first.length);
            byte[] second = data.clone(); // a second packet from the same counter: reset must take effect
            ctr.crypt(counter, 0, second, 0, second.length);
            return Arrays.equals(expected, first) && Arrays.equals(expected, second);
        } catch (Exception | LinkageError e) {
            return false;
        }
    }
}
