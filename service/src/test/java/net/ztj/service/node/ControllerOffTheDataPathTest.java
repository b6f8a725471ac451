package net.ztj.service.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.engine.EmbeddedController;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.core.identity.Identity;
import net.ztj.core.node.ControllerRequest;
import net.ztj.core.node.DropReason;
import net.ztj.core.node.LocalController;
import net.ztj.core.node.NetworkStatus;
import net.ztj.core.node.Node;
import net.ztj.core.node.NodeConfig;
import net.ztj.core.node.NodeEvents;
import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.crypto.C25519;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10: the embedded controller never holds up the data path. Four real core nodes, each driven by its own
 * {@link NodeRunner} (as in the daemon: packets processed on their receive threads under the node's lock), exchange
 * datagrams over an in-memory wire. C is the root and the controller of a public network (its store a fake that is
 * slow on demand, running on a {@link ControllerExecutor}) and a member of that network itself; A is a member; B and D
 * join during the tests. Ordering is asserted through an event log and latches, never through elapsed time (the
 * timeouts only keep a regression from hanging the build).
 */
class ControllerOffTheDataPathTest {
    private static final long WAIT_S = 120;
    private static final Identity C = Identity.generate(new SecureRandom());
    private static final Identity A = Identity.generate(new SecureRandom());
    private static final Identity B = Identity.generate(new SecureRandom());
    private static final Identity D = Identity.generate(new SecureRandom());

    @TempDir
    Path dir;

    private final Queue<String> events = new ConcurrentLinkedQueue<>();
    private final Queue<String> submissions = new ConcurrentLinkedQueue<>();
    private final Map<Endpoint, Station> wire = new ConcurrentHashMap<>();
    private final List<Station> stations = new ArrayList<>();
    private SlowControllerStore store;
    private ObservedController observed;
    private ControllerExecutor executor;
    private Station c, a, b, d;
    private long nwid;

    /** A node on the wire: its runner, and a thread handing it the datagrams sent to it (a socket's receive thread). */
    private final class Station {
        final String name;
        final Endpoint at;
        final Node node;
        final NodeRunner runner = new NodeRunner(System::currentTimeMillis, System.err);
        final BlockingQueue<byte[][]> inbox = new LinkedBlockingQueue<>();
        final Semaphore framesIn = new Semaphore(0);
        final Thread receiver;

        Station(String name, Identity id, String ip, World planet, long seed) {
            this.name = name;
            this.at = Endpoint.parse(ip + "/9993");
            PhysicalTransport transport = (socket, to, data, off, len, ttl) -> {
                Station target = wire.get(to);
                if (target != null) target.inbox.add(new byte[][] {at.toString().getBytes(), Arrays.copyOfRange(data, off, off + len)});
                return true;
            };
            NodeEvents sink = new NodeEvents() {
                @Override
                public void virtualNetworkFrame(long networkId, long sourceMac, long destMac, int etherType, int vlanId,
                                                byte[] data, int off, int len) {
                    events.add("frame@" + Station.this.name);
                    framesIn.release();
                }
            };
            node = new Node(id, planet, NodeConfig.DEFAULTS, transport, sink, new SplittableRandom(seed),
                    System.currentTimeMillis());
            wire.put(at, this);
            receiver = Thread.ofPlatform().daemon().name("wire-" + name).start(() -> {
                try {
                    while (true) {
                        byte[][] d = inbox.take();
                        runner.receive(1, Endpoint.parse(new String(d[0])), d[1]);
                    }
                } catch (InterruptedException e) {
                    // stopped
                }
            });
        }

        long mac() {
            return runner.network(nwid).orElseThrow().mac();
        }

        NetworkStatus status() {
            return runner.network(nwid).map(n -> n.status()).orElse(null);
        }
    }

    /** The controller as the executor sees it, observed: a push check that finds nothing to push opens {@link #quiet}. */
    private static final class ObservedController implements LocalController {
        private final LocalController controller;
        volatile CountDownLatch quiet = new CountDownLatch(1);

        ObservedController(LocalController controller) {
            this.controller = controller;
        }

        @Override
        public boolean admit(Identity requester, long networkId, long packetId, long arrivalMs) {
            return controller.admit(requester, networkId, packetId, arrivalMs);
        }

        @Override
        public Answer request(Identity requester, long networkId, byte[] metadata, long packetId, long nowMs) {
            return controller.request(requester, networkId, metadata, packetId, nowMs);
        }

        @Override
        public List<Push> pendingPushes(long nowMs) {
            List<Push> p = controller.pendingPushes(nowMs);
            if (p.isEmpty()) quiet.countDown();
            return p;
        }
    }

    /** Starts the four nodes; C and A join the network and exchange frames; the controller has nothing left to do. */
    private void start(int queueCapacity) throws Exception {
        C25519.KeyPair key = C25519.generate(new SecureRandom());
        Endpoint rootAt = Endpoint.parse("10.0.0.1/9993");
        World planet = World.sign(WorldType.PLANET, 1, 1, key.publicKey(),
                List.of(new World.Root(C.publicOnly(), List.of(rootAt))), key.privateKey());
        nwid = (C.address().value() << 24) | 0x51;
        String id = String.format("%016x", nwid);
        SqliteControllerStore sqlite = SqliteControllerStore.open(dir.resolve("controller.d"));
        ObjectNode doc = NetworkRecord.newNetwork(id, System.currentTimeMillis()).toJson();
        doc.put("private", false).put("name", "slow-store");
        sqlite.saveNetwork(NetworkRecord.fromJson(doc));
        store = new SlowControllerStore(sqlite, events);
        observed = new ObservedController(new EmbeddedController(C, store, new SplittableRandom(9)));

        c = new Station("c", C, "10.0.0.1", planet, 1);
        a = new Station("a", A, "10.0.0.2", planet, 2);
        b = new Station("b", B, "10.0.0.3", planet, 3);
        d = new Station("d", D, "10.0.0.4", planet, 4);
        stations.addAll(List.of(c, a, b, d));
        executor = new ControllerExecutor(observed, c.runner::execute, System::currentTimeMillis, System.err,
                queueCapacity);
        c.node.setController(r -> {
            boolean taken = executor.submit(r);
            submissions.add(name(r) + (taken ? " queued" : " refused"));
            return taken;
        });
        for (Station s : stations) s.runner.start(new CoreNode(s.node));

        c.runner.join(nwid, null); // the controller's node joins its own network: answered locally
        a.runner.join(nwid, null);
        awaitStatus(c, NetworkStatus.OK);
        awaitStatus(a, NetworkStatus.OK);
        for (Station s : List.of(a, c)) {
            Station other = s == a ? c : a;
            for (int i = 0; !s.framesIn.tryAcquire(100, TimeUnit.MILLISECONDS); i++) { // credentials exchanged
                assertTrue(i < 10 * WAIT_S, "no frame reached " + s.name);
                sendFrame(other, s);
            }
        }
        observed.quiet = new CountDownLatch(1);
        await(observed.quiet, "the controller never became idle");
    }

    private String name(ControllerRequest r) {
        for (Station s : stations) if (s.node.address().equals(r.requester().address())) return s.name;
        return r.requester().address().toString();
    }

    private void sendFrame(Station from, Station to) {
        byte[] f = new byte[14 + 100];
        long dst = to.mac(), src = from.mac();
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) (dst >>> (40 - 8 * i));
            f[6 + i] = (byte) (src >>> (40 - 8 * i));
        }
        f[12] = 0x08; // IPv4
        f[14] = 0x45;
        from.runner.receiveFrame(nwid, f, f.length);
    }

    /** Frames both ways between A and C, each delivered before the next is sent. */
    private void exchangeFrames(int rounds) throws InterruptedException {
        for (int i = 0; i < rounds; i++) {
            sendFrame(a, c);
            assertTrue(c.framesIn.tryAcquire(WAIT_S, TimeUnit.SECONDS), "frame A -> C not delivered");
            sendFrame(c, a);
            assertTrue(a.framesIn.tryAcquire(WAIT_S, TimeUnit.SECONDS), "frame C -> A not delivered");
        }
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertTrue(latch.await(WAIT_S, TimeUnit.SECONDS), what);
    }

    private static void awaitStatus(Station s, NetworkStatus wanted) throws InterruptedException {
        for (int i = 0; s.status() != wanted; i++) {
            assertTrue(i < 20 * WAIT_S, s.name + " is " + s.status() + ", not " + wanted);
            Thread.sleep(50);
        }
    }

    private void awaitSubmission(String entry) throws InterruptedException {
        for (int i = 0; !submissions.contains(entry); i++) {
            assertTrue(i < 20 * WAIT_S, "never submitted: " + entry + " " + submissions);
            Thread.sleep(20);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (store != null) {
            store.delayMs = 0;
            CountDownLatch g = store.gate;
            store.gate = null;
            if (g != null) g.countDown();
        }
        if (executor != null) executor.close();
        for (Station s : stations) {
            s.runner.close();
            s.receiver.interrupt();
        }
        if (store != null) store.close();
    }

    @Test
    void framesFlowWhileARequestWaitsTwoSecondsPerStoreCall() throws Exception {
        start(ControllerExecutor.QUEUE_CAPACITY);
        store.slowCallStarted = new CountDownLatch(1);
        store.delayMs = 2_000;
        b.runner.join(nwid, null);
        await(store.slowCallStarted, "B's request never reached the store");

        exchangeFrames(10); // while the controller's thread sleeps in the store
        events.add("frames-delivered");

        awaitStatus(b, NetworkStatus.OK); // and B is answered in the end
        events.add("b-configured");
        store.delayMs = 0;
        List<String> log = List.copyOf(events);
        int framesDone = log.indexOf("frames-delivered");
        assertTrue(log.indexOf("store-start") < framesDone, log.toString());
        assertTrue(framesDone < log.indexOf("store-end"),
                "the 20 frames were delivered before the first slow store call returned: " + log);
        assertEquals(List.of("c queued", "a queued", "b queued"), submissions.stream().distinct().toList());
    }

    @Test
    void aFullQueueRefusesAndCountsRequestsAndTheNodeKeepsWorking() throws Exception {
        start(1);
        store.slowCallStarted = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        store.gate = gate;
        b.runner.join(nwid, null);
        await(store.slowCallStarted, "B's request never reached the store"); // it holds the controller's thread
        d.runner.join(nwid, null);
        awaitSubmission("d queued"); // the one place in the queue is taken
        b.runner.leave(nwid);
        b.runner.join(nwid, null);   // B asks again at once: no room
        awaitSubmission("b refused");
        // at least this refusal; on a slow machine a periodic re-request of B or D may meet the full queue too
        assertTrue(c.runner.status().drops().get(DropReason.CONTROLLER_BUSY) >= 1L, "counted where the drops are");

        exchangeFrames(5); // the node keeps working

        store.gate = null;
        gate.countDown();
        awaitStatus(b, NetworkStatus.OK);
        awaitStatus(d, NetworkStatus.OK);
        assertEquals(executor.refused(), c.runner.status().drops().get(DropReason.CONTROLLER_BUSY),
                "every refusal of the executor is a counted drop");
    }
}
