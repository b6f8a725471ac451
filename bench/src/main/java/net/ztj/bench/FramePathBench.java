package net.ztj.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.engine.EmbeddedController;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.core.identity.Identity;
import net.ztj.core.node.ControllerRequest;
import net.ztj.core.node.NetworkStatus;
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
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The Ethernet data path of the core on one core: node A takes a frame from its port (switch, rules, credentials
 * check), builds a FRAME, armors it (AES-GMAC-SIV), fragments it at the physical MTU; node B reassembles, dearmors,
 * checks the membership gate and the rules and hands the frame to its port. Both nodes run on the benchmark thread
 * and the "wire" is a method call. Scores are frames per second; {@code -prof gc} shows the allocation per frame.
 * The network is B's own (B runs the controller), public, with ZeroTier's default accept-all rule.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class FramePathBench {
    /** Ethernet payload bytes: a full 2800-byte frame (two datagrams) and a small one (an ACK). */
    @Param({"2800", "64"})
    public int size;

    private static final Endpoint A_ENDPOINT = Endpoint.parse("10.9.0.1/9993");
    private static final Endpoint B_ENDPOINT = Endpoint.parse("10.9.0.2/9993");

    private Node a;
    private Node b;
    private long now = 1_700_000_000_000L;
    private long nwid, macA, macB;
    private byte[] frame;
    private long delivered;
    private Path dir;
    private SqliteControllerStore store;
    private EmbeddedController controller;
    private final java.util.ArrayDeque<ControllerRequest> asked = new java.util.ArrayDeque<>();

    private final MethodCallWire wire = new MethodCallWire(() -> now);

    @Setup(Level.Trial)
    public void setup() throws Exception {
        SecureRandom r = new SecureRandom();
        Identity ida = Identity.generate(r), idb = Identity.generate(r);
        C25519.KeyPair key = C25519.generate(r);
        World planet = World.sign(WorldType.PLANET, 1, 1, key.publicKey(),
                List.of(new World.Root(idb.publicOnly(), List.of(B_ENDPOINT))), key.privateKey());
        NodeEvents count = new NodeEvents() {
            @Override
            public void virtualNetworkFrame(long networkId, long sourceMac, long destMac, int etherType, int vlanId,
                                            byte[] data, int off, int len) {
                delivered++;
            }
        };
        a = new Node(ida, planet, NodeConfig.DEFAULTS, wire.port(A_ENDPOINT), count, new SplittableRandom(1), now);
        b = new Node(idb, planet, NodeConfig.DEFAULTS, wire.port(B_ENDPOINT), count, new SplittableRandom(2), now);
        wire.attach(A_ENDPOINT, a);
        wire.attach(B_ENDPOINT, b);
        dir = Files.createTempDirectory("ztj-frame-bench");
        store = SqliteControllerStore.open(dir.resolve("controller.d"));
        nwid = (idb.address().value() << 24) | 1;
        ObjectNode doc = NetworkRecord.newNetwork(String.format("%016x", nwid), now).toJson();
        doc.put("private", false);
        store.saveNetwork(NetworkRecord.fromJson(doc));
        controller = new EmbeddedController(idb, store, new SplittableRandom(3));
        b.setController(asked::add); // answered in tick(), as the daemon's controller thread would, off the node's call
        for (int i = 0; i < 3; i++) tick();
        a.join(nwid, now);
        b.join(nwid, now);
        for (int i = 0; i < 4; i++) tick();
        if (a.network(nwid).orElseThrow().status() != NetworkStatus.OK || b.network(nwid).orElseThrow().status() != NetworkStatus.OK) {
            throw new IllegalStateException("members not configured in setup");
        }
        macA = a.network(nwid).orElseThrow().mac();
        macB = b.network(nwid).orElseThrow().mac();
        frame = new byte[size];
        new SplittableRandom(4).nextBytes(frame);
        for (int i = 0; i < 3; i++) send(); // credentials exchanged, member records made
        if (delivered == 0) throw new IllegalStateException("no frame delivered in setup");
    }

    private void tick() {
        now += 5_000;
        a.processBackgroundTasks(now);
        b.processBackgroundTasks(now);
        ControllerRequest r;
        while ((r = asked.poll()) != null) {
            if (controller.admit(r.requester(), r.networkId(), r.packetId(), r.arrivalMs())) {
                b.controllerAnswered(r, controller.request(r.requester(), r.networkId(), r.metadata(), r.packetId(), now),
                        now);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long send() {
        a.processVirtualNetworkFrame(now, nwid, macA, macB, 0x0800, 0, frame, 0, frame.length);
        return delivered;
    }
}
