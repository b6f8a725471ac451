package net.ztj.service.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.ztj.core.identity.Identity;
import net.ztj.core.wire.Endpoint;
import net.ztj.service.testing.OfflineNodeCore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What production does with packets: a datagram is processed on the socket's receive thread and a frame on the
 * port's reader thread, inline, under the node's lock, and what the turn gave the edges is written out after it on
 * the same thread, outside the lock; a packet that finds the node busy waits (a brief spin, then
 * asleep on the lock) and goes on as soon as the holder lets go, in order.
 */
class NodeRunnerDataPathTest {
    /** Records the packets it is given, with the thread that gave them; otherwise an offline core. */
    private static final class PacketNode extends OfflineNodeCore {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        PacketNode() {
            super(Identity.generate(new SecureRandom()));
        }

        @Override
        public long processWirePacket(long nowMs, long localSocket, Endpoint from, byte[] data, int off, int len) {
            calls.add("datagram " + len);
            threads.add(Thread.currentThread());
            return super.processWirePacket(nowMs, localSocket, from, data, off, len);
        }

        @Override
        public long processVirtualNetworkFrame(long nowMs, long networkId, long sourceMac, long destMac, int etherType,
                                               byte[] data, int off, int len) {
            calls.add(String.format("frame %x %d", etherType, len));
            threads.add(Thread.currentThread());
            return super.processVirtualNetworkFrame(nowMs, networkId, sourceMac, destMac, etherType, data, off, len);
        }
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
    void theEdgesWriteOutAfterTheTurnOnThePacketsThreadWhileAnotherPacketMayRunTheNode() throws Exception {
        PacketNode node = new PacketNode();
        List<String> hookRuns = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean otherRanMeanwhile = new java.util.concurrent.atomic.AtomicBoolean();
        try (NodeRunner runner = new NodeRunner(System::currentTimeMillis, new PrintStream(new ByteArrayOutputStream()))) {
            runner.addBatchEndHook(() -> {
                String thread = Thread.currentThread().getName();
                if (!thread.endsWith("-test")) return; // the node's own thread (timers, tasks)
                hookRuns.add(thread + " after " + node.calls);
                if (!thread.equals("udp-receive-test")) return;
                // as if the kernel's work of this turn's tap write were running: the reply's frame runs the node now
                Thread port = Thread.ofPlatform().name("ztj-tap-test").start(() -> runner.receiveFrame(7, frame(0x0800, 98), 98));
                try {
                    port.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                otherRanMeanwhile.set(!port.isAlive());
            });
            runner.start(node);
            runner.status(); // the node has started
            Thread socket = Thread.ofPlatform().name("udp-receive-test").start(
                    () -> runner.receive(1, Endpoint.parse("10.0.0.1/9993"), new byte[42], 0, 42));
            socket.join();
            assertTrue(otherRanMeanwhile.get(), "the node's lock was free while the first turn's hook ran");
            assertEquals(List.of("datagram 42", "frame 800 84"), node.calls);
            assertEquals(List.of("udp-receive-test after [datagram 42]",
                    "ztj-tap-test after [datagram 42, frame 800 84]"), hookRuns);
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
