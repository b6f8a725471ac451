package net.ztj.service.node;

import net.ztj.core.identity.Address;
import net.ztj.core.node.MoonInfo;
import net.ztj.core.node.NodeStatus;
import net.ztj.core.node.PeerInfo;
import net.ztj.core.wire.Endpoint;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node's thread: every call reaches the node on that one thread, in order, with the time. */
class NodeRunnerTest {
    /** Records what it is asked and on which thread. */
    private static final class RecordingNode implements NodeCore {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final CountDownLatch backgroundRuns = new CountDownLatch(3);
        volatile long deadlineStep = 20;

        private void record(String call) {
            calls.add(call);
            threads.add(Thread.currentThread());
        }

        @Override
        public long processWirePacket(long nowMs, long localSocket, Endpoint from, byte[] data, int off, int len) {
            record("packet " + localSocket + " " + from + " " + len);
            return nowMs + deadlineStep;
        }

        @Override
        public long processBackgroundTasks(long nowMs) {
            record("background");
            backgroundRuns.countDown();
            return nowMs + deadlineStep;
        }

        @Override
        public NodeStatus status(long nowMs) {
            record("status");
            return new NodeStatus(new Address(0x1122334455L), "x", true, 1, nowMs, List.of());
        }

        @Override
        public List<PeerInfo> peers(long nowMs) {
            return List.of();
        }

        @Override
        public Optional<PeerInfo> peer(Address address, long nowMs) {
            throw new IllegalStateException("boom");
        }

        @Override
        public List<MoonInfo> moons() {
            return List.of();
        }

        @Override
        public void orbit(long moonId, Address seed, long nowMs) {
            record("orbit " + Long.toHexString(moonId) + " " + seed);
        }

        @Override
        public void deorbit(long moonId) {
            record("deorbit " + Long.toHexString(moonId));
        }

        @Override
        public void setLocalAddresses(List<Endpoint> addresses) {
            record("local " + addresses);
        }

        @Override
        public boolean join(long networkId, byte[] cachedConfig, long nowMs) {
            record(String.format("join %016x", networkId));
            return true;
        }

        @Override
        public boolean leave(long networkId) {
            record(String.format("leave %016x", networkId));
            return true;
        }

        @Override
        public List<net.ztj.core.node.NetworkInfo> networks() {
            return List.of();
        }

        @Override
        public java.util.Optional<net.ztj.core.node.NetworkInfo> network(long networkId) {
            return java.util.Optional.empty();
        }
    
        @Override
        public long processVirtualNetworkFrame(long nowMs, long networkId, long sourceMac, long destMac, int etherType,
                                               byte[] data, int off, int len) {
            return nowMs + 1000;
        }

        @Override
        public void setMulticastSubscriptions(long networkId,
                                              java.util.Set<net.ztj.core.network.addressing.MulticastGroup> groups,
                                              long nowMs) {}
}

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void everythingRunsOnTheNodeThreadInOrder() throws Exception {
        RecordingNode node = new RecordingNode();
        try (NodeRunner runner = new NodeRunner(clock::get, new PrintStream(err, true))) {
            runner.receive(3, Endpoint.parse("10.0.0.1/9993"), new byte[] {1, 2, 3}); // queued before start
            runner.start(node);
            assertEquals(1_000_000, runner.status().planetWorldTimestamp(), "tasks are given the time");
            runner.orbit(0x93155eb549L, Address.parse("93155eb549"));
            runner.execute((n, now) -> {
                n.setLocalAddresses(List.of(Endpoint.parse("10.0.0.2/9993")));
                return null;
            });
            runner.deorbit(0x93155eb549L);
            List<String> apiCalls = node.calls.stream().filter(c -> !c.equals("background")).toList();
            assertEquals(List.of("packet 3 10.0.0.1/9993 3", "status", "orbit 93155eb549 93155eb549",
                    "local [10.0.0.2/9993]", "deorbit 93155eb549"), apiCalls);
            assertEquals(1, node.threads.stream().distinct().count());
            assertNotEquals(Thread.currentThread(), node.threads.getFirst());
        }
    }

    @Test
    void backgroundTasksRunAtTheNodesDeadline() throws Exception {
        RecordingNode node = new RecordingNode();
        try (NodeRunner runner = new NodeRunner(System::currentTimeMillis, new PrintStream(err, true))) {
            runner.start(node);
            assertTrue(node.backgroundRuns.await(2, TimeUnit.SECONDS), "deadline 20 ms ahead: runs again soon");
        }
    }

    @Test
    void failuresReachTheCallerAndAStoppedRunnerRefusesAtOnce() {
        RecordingNode node = new RecordingNode();
        NodeRunner runner = new NodeRunner(clock::get, new PrintStream(err, true));
        runner.start(node);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.peer(new Address(1)));
        assertEquals("boom", e.getMessage());
        runner.close();
        assertThrows(NodeUnavailableException.class, runner::status);
        runner.receive(1, Endpoint.parse("10.0.0.1/1"), new byte[1]);
        assertEquals(1, runner.droppedDatagrams());
    }
}
