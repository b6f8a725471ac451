package net.ztj.service.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.ztj.core.identity.Address;
import net.ztj.core.node.MoonInfo;
import net.ztj.core.node.NetworkInfo;
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

/**
 * What production does with packets: a datagram is processed on the socket's receive thread and a frame on the
 * port's reader thread, inline, under the node's lock; a packet that finds the node busy waits (a brief spin, then
 * asleep on the lock) and goes on as soon as the holder lets go, in order.
 */
class NodeRunnerDataPathTest {
    /** Records the packets it is given, with the thread that gave them. */
    private static final class PacketNode implements NodeCore {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Override
        public long processWirePacket(long nowMs, long localSocket, Endpoint from, byte[] data, int off, int len) {
            calls.add("datagram " + len);
            threads.add(Thread.currentThread());
            return nowMs + 60_000;
        }

        @Override
        public long processVirtualNetworkFrame(long nowMs, long networkId, long sourceMac, long destMac, int etherType,
                                               byte[] data, int off, int len) {
            calls.add(String.format("frame %x %d", etherType, len));
            threads.add(Thread.currentThread());
            return nowMs + 60_000;
        }

        @Override
        public long processBackgroundTasks(long nowMs) {
            return nowMs + 60_000;
        }

        @Override
        public NodeStatus status(long nowMs) {
            return new NodeStatus(new Address(1), "x", true, 1, nowMs, List.of());
        }

        @Override
        public List<PeerInfo> peers(long nowMs) {
            return List.of();
        }

        @Override
        public Optional<PeerInfo> peer(Address address, long nowMs) {
            return Optional.empty();
        }

        @Override
        public List<MoonInfo> moons() {
            return List.of();
        }

        @Override
        public void orbit(long moonId, Address seed, long nowMs) {}

        @Override
        public void deorbit(long moonId) {}

        @Override
        public void setLocalAddresses(List<Endpoint> addresses) {}

        @Override
        public boolean join(long networkId, byte[] cachedConfig, long nowMs) {
            return true;
        }

        @Override
        public boolean leave(long networkId) {
            return true;
        }

        @Override
        public List<NetworkInfo> networks() {
            return List.of();
        }

        @Override
        public Optional<NetworkInfo> network(long networkId) {
            return Optional.empty();
        }

        @Override
        public void setMulticastSubscriptions(long networkId,
                                              java.util.Set<net.ztj.core.network.addressing.MulticastGroup> groups,
                                              long nowMs) {}
    }

    private static byte[] frame(int etherType, int len) {
        byte[] f = new byte[len];
        f[12] = (byte) (etherType >>> 8);
        f[13] = (byte) etherType;
        return f;
    }

    @Test
    void packetsAreProcessedInlineOnTheThreadsTheyArriveOn() throws Exception {
        PacketNode node = new PacketNode();
        try (NodeRunner runner = new NodeRunner(System::currentTimeMillis, new PrintStream(new ByteArrayOutputStream()))) {
            runner.start(node);
            runner.status(); // the node has started
            Thread socket = Thread.ofPlatform().name("udp-receive-test").start(
                    () -> runner.receive(1, Endpoint.parse("10.0.0.1/9993"), new byte[42], 0, 42));
            socket.join();
            Thread port = Thread.ofPlatform().name("ztj-tap-test").start(() -> runner.receiveFrame(7, frame(0x0800, 98), 98));
            port.join();
            // processed before the calls returned, each on its caller's thread: no hand-over to the node's thread
            assertEquals(List.of("datagram 42", "frame 800 84"), node.calls);
            assertEquals(List.of(socket, port), node.threads);
        }
    }

    @Test
    void aPacketThatFindsTheNodeBusyWaitsAsleepAndGoesOnWhenItIsFree() throws Exception {
        PacketNode node = new PacketNode();
        try (NodeRunner runner = new NodeRunner(System::currentTimeMillis, new PrintStream(new ByteArrayOutputStream()))) {
            runner.start(node);
            CountDownLatch holding = new CountDownLatch(1), release = new CountDownLatch(1);
            runner.execute((n, now) -> { // a task holds the node (as the API's requests do) until released
                node.calls.add("task");
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                node.calls.add("task done");
                return null;
            });
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            Thread socket = Thread.ofPlatform().name("udp-receive-test").start(
                    () -> runner.receive(1, Endpoint.parse("10.0.0.1/9993"), new byte[64], 0, 64));
            // after its spin the receive thread sleeps on the node's lock (it does not burn the CPU meanwhile)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (socket.getState() != Thread.State.WAITING && System.nanoTime() < deadline) Thread.onSpinWait();
            assertEquals(Thread.State.WAITING, socket.getState(), "the receive thread sleeps on the lock");
            assertEquals(List.of("task"), node.calls, "the packet waits for the node");
            release.countDown();
            socket.join();
            assertEquals(List.of("task", "task done", "datagram 64"), node.calls);
        }
    }
}
