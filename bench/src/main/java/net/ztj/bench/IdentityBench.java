package net.ztj.bench;

import net.ztj.core.identity.Identity;
import net.ztj.core.identity.IdentityHasher;
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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The identity proof of work: one attempt ({@link IdentityHasher#hash} of a 64-byte public key with a reused
 * hasher, i.e. a 2 MiB Salsa20/20 fill plus 131,072 swaps) and a whole {@link Identity#generate} (random keys
 * re-drawn until a digest is acceptable: about 15 attempts on average, 10 at the median, geometrically
 * distributed, so the run-to-run spread of whole generations is large and the median is the figure to compare).
 */
@Fork(1)
@Threads(1)
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IdentityBench {
    private final IdentityHasher hasher = new IdentityHasher();
    private final byte[] publicKey = new byte[64];
    private SecureRandom random;
    private int attempt;

    @Setup(Level.Trial)
    public void setup() {
        new SplittableRandom(7).nextBytes(publicKey);
        random = new SecureRandom();
    }

    /** One proof-of-work attempt; the key changes every time, as it does while generating. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public byte[] powAttempt() {
        int a = attempt++;
        publicKey[0] = (byte) a;
        publicKey[1] = (byte) (a >>> 8);
        return hasher.hash(publicKey);
    }

    /** A whole identity generation with a reused hasher; read the p0.50 line (median) of the sample. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @Warmup(iterations = 1, time = 5)
    @Measurement(iterations = 3, time = 10)
    public Identity generate() {
        return Identity.generate(random, hasher);
    }
}
