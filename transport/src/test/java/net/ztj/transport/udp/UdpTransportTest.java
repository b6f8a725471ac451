package net.ztj.transport.udp;

import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.wire.Endpoint;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two transports on the loopback interface exchange datagrams; sockets report their ids and close cleanly. */
class UdpTransportTest {
    private record Received(long socket, Endpoint from, byte[] data) {}


    @Test
    void datagramsArriveWithSocketIdAndSender() throws Exception {
        BlockingQueue<Received> inboxA = new LinkedBlockingQueue<>(), inboxB = new LinkedBlockingQueue<>();
        try (UdpTransport a = new UdpTransport((s, f, d, o, l) -> inboxA.add(new Received(s, f, java.util.Arrays.copyOfRange(d, o, o + l))));
             UdpTransport b = new UdpTransport((s, f, d, o, l) -> inboxB.add(new Received(s, f, java.util.Arrays.copyOfRange(d, o, o + l))))) {
            UdpSocket sa = a.bind(InetAddress.getLoopbackAddress(), 0);
            UdpSocket sb = b.bindWildcard(0);
            byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
            Endpoint toB = Endpoint.of(new byte[] {127, 0, 0, 1}, sb.port());
            assertTrue(a.send(PhysicalTransport.ANY_SOCKET, toB, hello, 0, hello.length, 0));

            Received r = inboxB.poll(5, TimeUnit.SECONDS);
            assertNotNull(r);
            assertEquals(sb.id(), r.socket());
            assertArrayEquals(hello, r.data());
            // the dual-stack socket reports IPv4 senders as IPv4, so replies go back the same way
            assertEquals(Endpoint.of(new byte[] {127, 0, 0, 1}, sa.port()), r.from());

            byte[] reply = "ok".getBytes(StandardCharsets.US_ASCII);
            assertTrue(b.send(r.socket(), r.from(), reply, 0, reply.length, 2));
            Received back = inboxA.poll(5, TimeUnit.SECONDS);
            assertNotNull(back);
            assertEquals(sa.id(), back.socket());
            assertArrayEquals(reply, back.data());
        }
    }

    /**
     * A probe socket (NAT traversal's birthday probing) sends from its own ephemeral port, with a TTL of its own
     * when asked; the answer comes in with the probe socket's id, so the node can keep a path on it; ANY_SOCKET never
     * uses it, and once it is closed the bound sockets stand in for it.
     */
    @Test
    void probeSocketsSendAndReceiveUnderTheirOwnIds() throws Exception {
        BlockingQueue<Received> inboxA = new LinkedBlockingQueue<>(), inboxB = new LinkedBlockingQueue<>();
        try (UdpTransport a = new UdpTransport((s, f, d, o, l) -> inboxA.add(new Received(s, f, java.util.Arrays.copyOfRange(d, o, o + l))));
             UdpTransport b = new UdpTransport((s, f, d, o, l) -> inboxB.add(new Received(s, f, java.util.Arrays.copyOfRange(d, o, o + l))))) {
            UdpSocket sa = a.bindWildcard(0);
            a.setBatching(true);
            UdpSocket sb = b.bindWildcard(0);
            long probe = a.openProbeSocket();
            assertTrue(probe != PhysicalTransport.ANY_SOCKET && probe != sa.id());
            assertEquals(1, a.probeSockets());
            Endpoint toB = Endpoint.of(new byte[] {127, 0, 0, 1}, sb.port());
            byte[] opener = {1, 2, 3, 4};
            assertTrue(a.send(probe, toB, opener, 0, 4, 2));
            Received r = inboxB.poll(5, TimeUnit.SECONDS);
            assertNotNull(r);
            assertArrayEquals(opener, r.data());
            assertTrue(r.from().port() != sa.port(), "sent from the probe socket's own port");
            assertTrue(b.send(sb.id(), r.from(), opener, 0, 4, 0));
            Received back = inboxA.poll(5, TimeUnit.SECONDS);
            assertNotNull(back);
            assertEquals(probe, back.socket());

            // a low-TTL send on a batching socket leaves at once and the socket's default TTL comes back after it
            assertTrue(a.send(sa.id(), toB, opener, 0, 4, 1));
            assertNotNull(inboxB.poll(5, TimeUnit.SECONDS));
            assertTrue(a.send(PhysicalTransport.ANY_SOCKET, toB, opener, 0, 4, 0));
            a.flush();
            Received normal = inboxB.poll(5, TimeUnit.SECONDS);
            assertNotNull(normal);
            assertEquals(sa.port(), normal.from().port(), "ANY_SOCKET sends from the bound socket, not the probe");

            a.closeProbeSocket(probe);
            assertEquals(0, a.probeSockets());
            // a closed probe socket is like any socket that went away: the bound sockets send instead
            assertTrue(a.send(probe, toB, opener, 0, 4, 0));
            a.flush();
            Received after = inboxB.poll(5, TimeUnit.SECONDS);
            assertNotNull(after);
            assertEquals(sa.port(), after.from().port());
        }
    }

    @Test
    void anIpv4SocketDoesNotSendToIpv6() throws Exception {
        try (UdpTransport a = new UdpTransport((s, f, d, o, l) -> {})) {
            UdpSocket s = a.bind(InetAddress.getLoopbackAddress(), 0);
            Endpoint v6 = Endpoint.parse("::1/9");
            assertFalse(s.reaches(v6));
            assertFalse(a.send(s.id(), v6, new byte[1], 0, 1, 0));
        }
    }

    @Test
    void aBoundPortCannotBeBoundTwiceAndClosingFreesIt() throws Exception {
        try (UdpTransport a = new UdpTransport((s, f, d, o, l) -> {})) {
            UdpSocket s = a.bindWildcard(0);
            int port = s.port();
            assertThrows(java.net.BindException.class, () -> a.bindWildcard(port));
            assertEquals(1, a.sockets().size());
            a.close(s);
            assertTrue(a.sockets().isEmpty());
            UdpSocket again = a.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertEquals(port, again.port());
        }
    }

    @Test
    void batchedSendsLeaveOnFlushInOrderAndReceivedBatchesKeepTheirSenders() throws Exception {
        java.util.List<String> got = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger largestBatch = new java.util.concurrent.atomic.AtomicInteger();
        DatagramSink sink = new DatagramSink() {
            @Override
            public void receive(long localSocket, Endpoint from, byte[] data, int off, int len) {
                got.add(from.port() + ":" + new String(data, off, len, StandardCharsets.US_ASCII));
            }

            @Override
            public void receive(long localSocket, ReceivedDatagrams batch) {
                largestBatch.accumulateAndGet(batch.count(), Math::max);
                DatagramSink.super.receive(localSocket, batch);
            }
        };
        try (UdpTransport a = new UdpTransport((s, f, d, o, l) -> {}); UdpTransport b = new UdpTransport(sink)) {
            UdpSocket sa = a.bind(InetAddress.getLoopbackAddress(), 0);
            UdpSocket sb = b.bindWildcard(0);
            a.setBatching(true);
            Endpoint toB = Endpoint.of(new byte[] {127, 0, 0, 1}, sb.port());
            java.util.List<String> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) { // more than one sendmmsg's worth
                byte[] d = ("datagram " + i).getBytes(StandardCharsets.US_ASCII);
                assertTrue(a.send(sa.id(), toB, d, 0, d.length, 0));
                sent.add(sa.port() + ":datagram " + i);
            }
            a.flush();
            long giveUp = System.nanoTime() + 10_000_000_000L; // against a hang only
            while (got.size() < sent.size() && System.nanoTime() < giveUp) Thread.onSpinWait();
            assertEquals(sent, got);
            assertTrue(largestBatch.get() >= 1);

            a.setBatching(false);
            if (sb.receiveSlot() < UdpSocket.MAX_DATAGRAM) { // a merging socket has room for any datagram
                byte[] tooLong = new byte[sb.receiveSlot() + 1];
                assertTrue(a.send(sa.id(), toB, tooLong, 0, tooLong.length, 0));
                while (sb.truncatedDatagrams() == 0 && System.nanoTime() < giveUp) Thread.onSpinWait();
                assertEquals(1, sb.truncatedDatagrams(), "a datagram longer than a receive slot is dropped and counted");
            }
        }
    }

    @Test
    void runsToOneDestinationLeaveAsSegmentedSendsAndArriveAsTheDatagramsTheyWere() throws Exception {
        java.util.List<byte[]> got = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<Integer> fromPorts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (UdpTransport a = new UdpTransport((s, f, d, o, l) -> {});
             UdpTransport b = new UdpTransport((s, f, d, o, l) -> {
                 got.add(java.util.Arrays.copyOfRange(d, o, o + l));
                 fromPorts.add(f.port());
             })) {
            UdpSocket sa = a.bind(InetAddress.getLoopbackAddress(), 0);
            UdpSocket sb = b.bind(InetAddress.getLoopbackAddress(), 0);
            UdpSocket sc = b.bind(InetAddress.getLoopbackAddress(), 0);
            a.setBatching(true);
            Endpoint toB = Endpoint.of(new byte[] {127, 0, 0, 1}, sb.port());
            Endpoint toC = Endpoint.of(new byte[] {127, 0, 0, 1}, sc.port());
            // as the node sends a frame cut into fragments: runs of full-size datagrams, each ended by a shorter one,
            // one datagram to another destination in between
            java.util.List<byte[]> toBSent = new java.util.ArrayList<>();
            java.util.Random random = new java.util.Random(7);
            for (int frame = 0; frame < 30; frame++) {
                for (int i = 0; i < 3; i++) {
                    byte[] d = new byte[i < 2 ? 1432 : 300 + frame];
                    random.nextBytes(d);
                    d[0] = (byte) frame;
                    d[1] = (byte) i;
                    assertTrue(a.send(sa.id(), toB, d, 0, d.length, 0));
                    toBSent.add(d);
                }
                if (frame % 10 == 9) {
                    byte[] other = new byte[1432];
                    assertTrue(a.send(sa.id(), toC, other, 0, other.length, 0));
                }
            }
            a.flush();
            int expected = toBSent.size() + 3;
            long giveUp = System.nanoTime() + 10_000_000_000L; // against a hang only
            while (got.size() < expected && System.nanoTime() < giveUp) Thread.onSpinWait();
            assertEquals(expected, got.size());
            java.util.List<byte[]> inOrder = new java.util.ArrayList<>();
            synchronized (got) {
                for (byte[] d : got) if (!java.util.Arrays.equals(d, new byte[1432])) inOrder.add(d);
            }
            assertEquals(toBSent.size(), inOrder.size());
            for (int i = 0; i < toBSent.size(); i++) assertArrayEquals(toBSent.get(i), inOrder.get(i), "datagram " + i);
            if (sa.segmentFallbacks() == 0 && sa.segmentedDatagrams() > 0) {
                // this kernel segments: every run of three went as one send, and B's socket got them merged
                assertEquals(toBSent.size(), sa.segmentedDatagrams());
                if (sb.merging()) assertTrue(sb.mergedDatagrams() > 0, "loopback hands the segmented buffer over whole");
            }
            assertTrue(fromPorts.stream().allMatch(p -> p == sa.port()));
        }
    }
}
