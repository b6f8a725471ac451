package net.ztj.bench;

import net.ztj.crypto.C25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * ZeroTier's C25519 signatures as a node meets them on its packet path: verifying a 96-byte signature of a
 * 256-byte message (a network configuration chunk or a pushed certificate is of that order), and making one (what a
 * controller does for every configuration it sends).
 */
@Fork(1)
@Threads(1)
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SignatureBench {
    private C25519.KeyPair keys;
    private final byte[] message = new byte[256];
    private byte[] signature;

    @Setup(Level.Trial)
    public void setup() {
        keys = C25519.generate(new SecureRandom());
        new SecureRandom().nextBytes(message);
        signature = C25519.sign(keys.privateKey(), message);
        if (!C25519.verify(keys.publicKey(), message, signature)) throw new IllegalStateException("does not verify");
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public boolean verify() {
        return C25519.verify(keys.publicKey(), message, signature);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public byte[] sign() {
        return C25519.sign(keys.privateKey(), message);
    }
}
