package net.ztj.bench;

import net.ztj.crypto.AesGmacSiv;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * ZeroTier cipher suite 3 (AES-GMAC-SIV) on one packet: an 11-byte AAD (the unencrypted header fields ZeroTier
 * authenticates) and the payload encrypted in place, with a fresh 8-byte nonce (the packet id, a counter) per
 * packet.
 *
 * <p>Decryption works on a ring of {@link #RING} distinct packets encrypted during setup: each operation copies
 * the next one into the work buffer (the copy, about 1,400 bytes, is included in the score and costs a few tens
 * of nanoseconds) and decrypts and verifies it. Distinct packets matter: the JDK refuses to init AES-GCM twice in
 * a row with the same key and IV, and replaying one packet would measure that fallback path instead.
 *
 * <p>The {@code jdk*} benchmarks time the JDK calls {@link AesGmacSiv} is made of, one half at a time, to see
 * where a packet's time goes: the GMAC (AES-GCM init, A || pad || P fed as AAD, doFinal for the tag) and the
 * AES-CTR pass (init, doFinal in place as {@code AesGmacSiv} does, or into a separate array).
 *
 * <p>Scores are packets per second; MB/s = ops/s x {@code size} / 10^6.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class AesGmacSivBench {
    private static final int RING = 64;

    @Param({"1400"})
    public int size;

    private AesGmacSiv encryptor;
    private AesGmacSiv decryptor;
    private final byte[] aad = new byte[11];
    private final byte[] nonce = new byte[8];
    private final byte[] tag = new byte[16];
    private byte[] payload;
    private long counter;

    private byte[][] packets;
    private byte[][] tags;
    private byte[] work;
    private int next;

    private Cipher gcm;
    private Cipher ctr;
    private SecretKeySpec k0Spec;
    private SecretKeySpec k1Spec;
    private final byte[] gcmIv = new byte[12];
    private final byte[] ctrIv = new byte[16];
    private final byte[] pad = new byte[16];
    private byte[] out;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(3);
        byte[] k0 = new byte[32];
        byte[] k1 = new byte[32];
        rnd.nextBytes(k0);
        rnd.nextBytes(k1);
        rnd.nextBytes(aad);
        encryptor = new AesGmacSiv(k0, k1);
        decryptor = new AesGmacSiv(k0, k1);
        AesGmacSiv sender = new AesGmacSiv(k0, k1);
        payload = new byte[size];
        rnd.nextBytes(payload);
        counter = rnd.nextLong();

        packets = new byte[RING][];
        tags = new byte[RING][16];
        for (int i = 0; i < RING; i++) {
            packets[i] = new byte[size];
            rnd.nextBytes(packets[i]);
            byte[] n = new byte[8];
            rnd.nextBytes(n);
            sender.encrypt(n, 0, aad, 0, aad.length, packets[i], 0, size, tags[i], 0);
        }
        work = new byte[size];
        out = new byte[size];
        k0Spec = new SecretKeySpec(k0, "AES");
        k1Spec = new SecretKeySpec(k1, "AES");
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
            ctr = Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < RING; i++) {
            if (!decrypt()) throw new IllegalStateException("AES-GMAC-SIV does not verify its own packets");
        }
    }

    private static void putLong(byte[] b, long v) {
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (56 - 8 * i));
    }

    /** Encrypt and tag one packet in place under a fresh nonce. */
    @Benchmark
    public byte[] encrypt() {
        putLong(nonce, counter++);
        encryptor.encrypt(nonce, 0, aad, 0, aad.length, payload, 0, payload.length, tag, 0);
        return tag;
    }

    /** Copy the next received packet into the work buffer, decrypt it in place and verify its tag. */
    @Benchmark
    public boolean decrypt() {
        int i = next;
        next = (i + 1) & (RING - 1);
        System.arraycopy(packets[i], 0, work, 0, size);
        return decryptor.decrypt(tags[i], 0, aad, 0, aad.length, work, 0, size);
    }

    /** The GMAC half alone: AES-GCM init under a fresh IV, AAD = A || pad || P, doFinal for the 16-byte tag. */
    @Benchmark
    public byte[] jdkGmacOnly() throws GeneralSecurityException {
        putLong(gcmIv, counter++);
        gcm.init(Cipher.ENCRYPT_MODE, k0Spec, new GCMParameterSpec(128, gcmIv));
        gcm.updateAAD(aad, 0, aad.length);
        gcm.updateAAD(pad, 0, (16 - (aad.length & 15)) & 15);
        gcm.updateAAD(payload, 0, payload.length);
        gcm.doFinal(tag, 0);
        return tag;
    }

    /** The CTR half alone, in place (as AesGmacSiv does it): init under a fresh counter block, doFinal. */
    @Benchmark
    public byte[] jdkCtrInPlace() throws GeneralSecurityException {
        putLong(ctrIv, counter++);
        ctr.init(Cipher.ENCRYPT_MODE, k1Spec, new IvParameterSpec(ctrIv));
        ctr.doFinal(payload, 0, payload.length, payload, 0);
        return payload;
    }

    /** The CTR half alone into a separate array (the JDK copies the input first when it is done in place). */
    @Benchmark
    public byte[] jdkCtrOutOfPlace() throws GeneralSecurityException {
        putLong(ctrIv, counter++);
        ctr.init(Cipher.ENCRYPT_MODE, k1Spec, new IvParameterSpec(ctrIv));
        ctr.doFinal(payload, 0, payload.length, out, 0);
        return out;
    }
}
