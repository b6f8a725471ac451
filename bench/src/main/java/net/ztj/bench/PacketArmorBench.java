package net.ztj.bench;

import net.ztj.crypto.Poly1305;
import net.ztj.crypto.Salsa20;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
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

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * ZeroTier cipher suite 1 ("Salsa20/12 + Poly1305") as it armors one packet, and its two halves on their own.
 *
 * <p>Per packet, as ZeroTier's {@code Packet::armor} does: key Salsa20/12 with the 32-byte per-peer key and the
 * 8-byte packet id as IV; keystream bytes 0..31 (block 0, its other 32 bytes discarded) are the one-time Poly1305
 * key; the payload is encrypted in place from block 1 on; Poly1305 runs over the ciphertext. The packet id is a
 * counter, so every operation uses a fresh IV, like real traffic.
 *
 * <p>Scores are operations (packets) per second; MB/s = ops/s x {@code size} / 10^6 (the summary that
 * {@link BenchMain} prints after JMH's table does this conversion).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class PacketArmorBench {

    /** Payload bytes per packet (ZeroTier's default physical MTU leaves about 1,400 bytes of payload). */
    @Param({"1400"})
    public int size;

    private static final byte[] ZERO64 = new byte[64];

    private final byte[] key = new byte[32];
    private byte[] payload;
    private final byte[] polyKey = new byte[32];
    private final byte[] tag = new byte[16];
    private long packetId;

    private final Salsa20 salsa = new Salsa20(12);

    private final Salsa20Engine bcSalsa = new Salsa20Engine(12);
    private final org.bouncycastle.crypto.macs.Poly1305 bcPoly = new org.bouncycastle.crypto.macs.Poly1305();
    private final byte[] bcBlock0 = new byte[64];
    private final byte[] bcIv = new byte[8];
    private KeyParameter bcKey;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(1);
        rnd.nextBytes(key);
        payload = new byte[size];
        rnd.nextBytes(payload);
        packetId = rnd.nextLong();
        bcKey = new KeyParameter(key);
        checkSameAsBouncyCastle();
    }

    /** Ours and Bouncy Castle must agree on ciphertext and tag, or the comparison means nothing. */
    private void checkSameAsBouncyCastle() {
        byte[] a = payload.clone();
        byte[] b = payload.clone();
        long id = packetId;
        byte[] tagA = armorOurs(id, a, new byte[16]);
        byte[] tagB = armorBouncyCastle(id, b, new byte[16]);
        if (!Arrays.equals(a, b) || !Arrays.equals(tagA, tagB)) {
            throw new IllegalStateException("our Salsa20/12+Poly1305 disagrees with Bouncy Castle");
        }
    }

    private byte[] armorOurs(long id, byte[] buf, byte[] out) {
        salsa.init(key, 0, id);
        salsa.crypt(ZERO64, 0, polyKey, 0, 32);      // block 0 -> Poly1305 key (rest of the block discarded)
        salsa.crypt(buf, 0, buf, 0, buf.length);     // payload from block 1 on
        Poly1305.mac(polyKey, 0, buf, 0, buf.length, out, 0);
        return out;
    }

    private byte[] armorBouncyCastle(long id, byte[] buf, byte[] out) {
        for (int i = 0; i < 8; i++) bcIv[i] = (byte) (id >>> (8 * i));   // same IV bytes as ours (little-endian)
        bcSalsa.init(true, new ParametersWithIV(bcKey, bcIv));
        // BC's stream is byte-continuous, so take the whole block 0 to start the payload at block 1 like ZeroTier
        bcSalsa.processBytes(ZERO64, 0, 64, bcBlock0, 0);
        bcSalsa.processBytes(buf, 0, buf.length, buf, 0);
        bcPoly.init(new KeyParameter(bcBlock0, 0, 32));
        bcPoly.update(buf, 0, buf.length);
        bcPoly.doFinal(out, 0);
        return out;
    }

    /** Suite 1 armor with our Salsa20/12 and Poly1305. */
    @Benchmark
    public byte[] salsa20Poly1305() {
        return armorOurs(packetId++, payload, tag);
    }

    /** Suite 1 armor with Bouncy Castle's Salsa20Engine(12) and Poly1305 (no cipher). */
    @Benchmark
    public byte[] salsa20Poly1305BouncyCastle() {
        return armorBouncyCastle(packetId++, payload, tag);
    }

    /** Our Salsa20/12 alone: init, then encrypt the payload (no Poly1305 key block). */
    @Benchmark
    public byte[] salsa20Only() {
        salsa.init(key, 0, packetId++);
        salsa.crypt(payload, 0, payload, 0, payload.length);
        return payload;
    }

    /** Our Poly1305 alone over the payload. */
    @Benchmark
    public byte[] poly1305Only() {
        Poly1305.mac(key, 0, payload, 0, payload.length, tag, 0);
        return tag;
    }

    /** Bouncy Castle's Salsa20Engine(12) alone: init, then encrypt the payload. */
    @Benchmark
    public byte[] salsa20OnlyBouncyCastle() {
        long id = packetId++;
        for (int i = 0; i < 8; i++) bcIv[i] = (byte) (id >>> (8 * i));
        bcSalsa.init(true, new ParametersWithIV(bcKey, bcIv));
        bcSalsa.processBytes(payload, 0, payload.length, payload, 0);
        return payload;
    }

    /** Bouncy Castle's Poly1305 alone over the payload. */
    @Benchmark
    public byte[] poly1305OnlyBouncyCastle() {
        bcPoly.init(bcKey);
        bcPoly.update(payload, 0, payload.length);
        bcPoly.doFinal(tag, 0);
        return tag;
    }
}
