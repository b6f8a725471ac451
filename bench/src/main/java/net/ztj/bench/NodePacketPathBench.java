package net.ztj.bench;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.node.Node;
import net.ztj.core.node.NodeConfig;
import net.ztj.core.node.NodeEvents;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.crypto.C25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The core's whole packet path on one core: node A builds, compresses (an attempt: the payload is random),
 * armors and routes a USER_MESSAGE carrying {@code size} bytes; the datagram is handed straight to node B, which
 * classifies it, dearmors it, checks it against replays, decompresses if flagged and dispatches it to its
 * application callback. Both nodes run on the benchmark thread; the "wire" is a method call.
 *
 * <p>{@code suite} 3 (AES-GMAC-SIV) is what two 1.14 nodes use once they know each other's version; suite 1
 * (Salsa20/12 + Poly1305) is what they use with older peers. Scores are packets per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class NodePacketPathBench {
    @Param({"1400"})
    public int size;

    private Node a;
    private Node b;
    private Address bAddress;
    private byte[] payload;
    private long now = 1_700_000_000_000L;
    private long delivered;

    private final MethodCallWire wire = new MethodCallWire(() -> now);

    private static final Endpoint A_ENDPOINT = Endpoint.parse("10.9.0.1/9993");
    private static final Endpoint B_ENDPOINT = Endpoint.parse("10.9.0.2/9993");
    private static final Endpoint ROOT_ENDPOINT = Endpoint.parse("10.9.0.3/9993");

    @Setup
    public void setup() {
        SecureRandom r = new SecureRandom();
        Identity ida = Identity.generate(r), idb = Identity.generate(r), root = Identity.generate(r);
        C25519.KeyPair key = C25519.generate(r);
        // B is the planet's only root, listed at its real endpoint: A contacts it directly and both learn the path
        World planet = World.sign(WorldType.PLANET, 1, 1, key.publicKey(),
                List.of(new World.Root(idb.publicOnly(), List.of(B_ENDPOINT))), key.privateKey());
        NodeEvents count = new NodeEvents() {
            @Override
            public void userMessage(Address from, long typeId, byte[] p) {
                delivered++;
            }
        };
        a = new Node(ida, planet, NodeConfig.DEFAULTS, wire.port(A_ENDPOINT), count, new SplittableRandom(1), now);
        b = new Node(idb, planet, NodeConfig.DEFAULTS, wire.port(B_ENDPOINT), count, new SplittableRandom(2), now);
        wire.attach(A_ENDPOINT, a);
        wire.attach(B_ENDPOINT, b);
        bAddress = idb.address();
        for (int i = 0; i < 3; i++) {
            now += 5_000;
            a.processBackgroundTasks(now);
            b.processBackgroundTasks(now);
        }
        if (!a.online() || a.peer(bAddress, now).orElseThrow().paths().isEmpty()) {
            throw new IllegalStateException("nodes did not connect in setup");
        }
        payload = new byte[size];
        new SplittableRandom(3).nextBytes(payload);
    }

    @Benchmark
    public long sendAndReceive() {
        a.sendUserMessage(now, bAddress, 0x10000L, payload);
        return delivered;
    }
}
