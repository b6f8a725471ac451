package net.ztj.service.node;

import net.ztj.core.identity.Identity;
import net.ztj.core.node.ControllerRequest;
import net.ztj.core.node.LocalController;
import net.ztj.service.metrics.ServiceMetrics;
import net.ztj.service.testing.FakeNode;
import net.ztj.service.testing.SpecFixtures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static net.ztj.service.testing.Scrapes.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The controller's executor on its own: answers come back through the node's thread in request order, a full queue
 * refuses (and counts) without consulting the rate limit, and requests are taken again once there is room.
 */
class ControllerExecutorTest {
    private static final Identity MEMBER = Identity.generate(new SecureRandom());

    /** A controller whose requests wait for {@link #release} and answer with their packet id. */
    private static final class HeldController implements LocalController {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        final List<Long> admitted = new ArrayList<>();

        @Override
        public boolean admit(Identity requester, long networkId, long packetId, long arrivalMs) {
            admitted.add(packetId);
            return true;
        }

        @Override
        public Answer request(Identity requester, long networkId, byte[] metadata, long packetId, long nowMs) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Config(new byte[] {(byte) packetId});
        }
    }

    /** The node's thread: one thread running the tasks on a core that records the answers. */
    private static final class RecordingNode implements NodeCore {
        final List<Long> answered = new ArrayList<>();
        final CountDownLatch all;

        RecordingNode(int expected) {
            all = new CountDownLatch(expected);
        }

        @Override
        public long controllerAnswered(ControllerRequest request, LocalController.Answer answer, long nowMs) {
            answered.add((long) ((LocalController.Config) answer).dictionary()[0]);
            all.countDown();
            return nowMs;
        }

        // the rest is not used
        public long processWirePacket(long n, long s, net.ztj.core.wire.Endpoint f, byte[] d, int o, int l) { return n; }
        public long processBackgroundTasks(long n) { return n; }
        public net.ztj.core.node.NodeStatus status(long n) { return null; }
        public List<net.ztj.core.node.PeerInfo> peers(long n) { return List.of(); }
        public java.util.Optional<net.ztj.core.node.PeerInfo> peer(net.ztj.core.identity.Address a, long n) { return java.util.Optional.empty(); }
        public List<net.ztj.core.node.MoonInfo> moons() { return List.of(); }
        public void orbit(long m, net.ztj.core.identity.Address s, long n) {}
        public void deorbit(long m) {}
        public boolean join(long id, byte[] c, long n) { return false; }
        public boolean leave(long id) { return false; }
        public List<net.ztj.core.node.NetworkInfo> networks() { return List.of(); }
        public java.util.Optional<net.ztj.core.node.NetworkInfo> network(long id) { return java.util.Optional.empty(); }
        public void setLocalAddresses(List<net.ztj.core.wire.Endpoint> a) {}
        public long processVirtualNetworkFrame(long n, long id, long s, long d, int t, byte[] b, int o, int l) { return n; }
        public void setMulticastSubscriptions(long id, java.util.Set<net.ztj.core.network.addressing.MulticastGroup> g, long n) {}
    }

    private static ControllerRequest request(long packetId) {
        return new ControllerRequest(MEMBER, 1, new byte[0], packetId, 1, null, packetId * 2_000);
    }

    @Test
    void answersInRequestOrderAndAFullQueueRefusesUntilThereIsRoom() throws Exception {
        HeldController controller = new HeldController();
        RecordingNode node = new RecordingNode(4);
        ExecutorService nodeThread = Executors.newSingleThreadExecutor();
        ControllerExecutor executor = new ControllerExecutor(controller,
                task -> nodeThread.execute(() -> task.run(node, 0)), System::currentTimeMillis,
                new PrintStream(new ByteArrayOutputStream()), 2);
        ServiceMetrics metrics = new ServiceMetrics(new FakeNode(SpecFixtures.memberStatus()), System::currentTimeMillis)
                .withController(executor.metrics());
        try {
            assertTrue(executor.submit(request(1)));
            assertTrue(controller.entered.await(60, TimeUnit.SECONDS)); // 1 is being answered, the queue is empty
            assertTrue(executor.submit(request(2)));
            assertTrue(executor.submit(request(3)));
            assertFalse(executor.submit(request(4)), "the queue holds 2");
            assertFalse(executor.submit(request(5)));
            assertEquals(2, executor.refused());
            assertEquals(List.of(1L, 2L, 3L), controller.admitted, "refused requests do not touch the rate limit");
            String held = metrics.scrape();
            assertEquals(3, sample(held, "ztj_controller_requests_total{outcome=\"queued\"}"), held);
            assertEquals(2, sample(held, "ztj_controller_requests_total{outcome=\"refused\"}"));
            assertEquals(0, sample(held, "ztj_controller_requests_total{outcome=\"config\"}"));
            assertEquals(2, sample(held, "ztj_controller_queue_length"));

            controller.release.countDown();
            assertTrue(waitUntil(() -> executor.submit(request(6))), "room again");
            assertTrue(node.all.await(60, TimeUnit.SECONDS));
            assertEquals(List.of(1L, 2L, 3L, 6L), node.answered, "in request order, on the node's thread");
            String done = metrics.scrape();
            assertEquals(4, sample(done, "ztj_controller_requests_total{outcome=\"config\"}"), done);
            assertEquals(4, sample(done, "ztj_controller_requests_total{outcome=\"queued\"}"));
            assertEquals(executor.refused(), sample(done, "ztj_controller_requests_total{outcome=\"refused\"}"));
            assertEquals(4, sample(done, "ztj_controller_request_latency_seconds_count"), "one latency per answer");
            assertEquals(0, sample(done, "ztj_controller_queue_length"));
        } finally {
            executor.close();
            nodeThread.shutdownNow();
        }
        assertFalse(executor.submit(request(7)), "a stopped executor takes nothing");
    }

    private static boolean waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 6_000; i++) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(10);
        }
        return false;
    }
}
