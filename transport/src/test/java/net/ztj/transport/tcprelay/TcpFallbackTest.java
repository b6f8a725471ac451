package net.ztj.transport.tcprelay;

import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.wire.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static net.ztj.transport.tcprelay.RelayTestPeer.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client side of spec 05 §9.5 against a relay played by the test over loopback TCP: when it engages, the bytes
 * it writes (hello first, then frames naming the destination), the datagrams it hands to the node, and its release
 * once UDP is heard again.
 */
class TcpFallbackTest {
    private static final Endpoint ROOT = Endpoint.parse("192.0.0.11/19993"); // global scope, as in the capture
    private final AtomicLong clock = new AtomicLong(5_000_000);
    private final List<AutoCloseable> open = new ArrayList<>();
    private final BlockingQueue<Object[]> toNode = new LinkedBlockingQueue<>();
    private final List<Endpoint> sentOverUdp = new ArrayList<>();
    private final PhysicalTransport udp = (socket, to, data, off, len, ttl) -> {
        synchronized (sentOverUdp) {
            sentOverUdp.add(to);
        }
        return true;
    };

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private ServerSocket relay() throws Exception {
        ServerSocket s = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        s.setSoTimeout(10_000);
        open.add(s);
        return s;
    }

    private TcpFallback fallback(boolean allowed, boolean forced, ServerSocket relay) throws Exception {
        TcpFallback f = new TcpFallback(new TcpFallbackSettings(allowed, forced,
                Endpoint.of(InetAddress.getLoopbackAddress().getAddress(), relay.getLocalPort())),
                (socket, from, data, off, len) -> toNode.add(new Object[] {socket, from, Arrays.copyOfRange(data, off, off + len)}),
                clock::get, line -> {});
        open.add(f);
        return f;
    }

    private Socket accept(ServerSocket relay) throws Exception {
        Socket s = relay.accept();
        s.setSoTimeout(10_000);
        open.add(s);
        return s;
    }

    private static byte[] packet(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) b[i] = (byte) (seed + i);
        return b;
    }

    @Test
    void forcedRelayCarriesEverythingAndNoUdp() throws Exception {
        ServerSocket relay = relay();
        TcpFallback f = fallback(true, true, relay);
        PhysicalTransport t = f.over(udp);
        byte[] hello = packet(137, 1);
        assertTrue(t.send(PhysicalTransport.ANY_SOCKET, ROOT, hello, 0, hello.length, 0));

        Socket s = accept(relay);
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] first = new byte[9 + 12 + 137];
        in.readFully(first);
        assertEquals("1703030004010e0001", HexFormat.of().formatHex(first, 0, 9), "the hello comes first");
        assertEquals("170303009004c000000b4e19", HexFormat.of().formatHex(first, 9, 21), "then the datagram, to its destination");
        assertArrayEquals(hello, Arrays.copyOfRange(first, 21, first.length));
        await("the tunnel to count as active", 5000, f::active);
        await("the bytes written to be counted", 5000, () -> f.client().bytesWritten() == first.length);
        synchronized (sentOverUdp) {
            assertTrue(sentOverUdp.isEmpty(), "forceTcpRelay sends no UDP");
        }

        // the relay's answer enters the node from the address the frame names, on the pseudo socket -1
        byte[] answer = RelayTestPeer.frame(ROOT, packet(59, 9));
        s.getOutputStream().write(answer);
        Object[] got = toNode.poll(10, TimeUnit.SECONDS);
        assertNotNull(got);
        assertEquals(answer.length, f.client().bytesRead(), "counted before the datagram is handed on");
        assertEquals(PhysicalTransport.ANY_SOCKET, got[0]);
        assertEquals(ROOT, got[1]);
        assertArrayEquals(packet(59, 9), (byte[]) got[2]);

        // with the relay forced, UDP that still arrives is ignored
        f.udpSink().receive(1, ROOT, packet(40, 0), 0, 40);
        assertEquals(1, f.client().framesReceived());
        assertTrue(toNode.isEmpty());
    }

    @Test
    void engagesAfterAMinuteWithoutGlobalUdpAndLetsGoWhenUdpIsHeardAgain() throws Exception {
        ServerSocket relay = relay();
        TcpFallback f = fallback(true, false, relay);
        PhysicalTransport t = f.over(udp);
        byte[] p = packet(100, 3);
        clock.addAndGet(30_000);
        t.send(PhysicalTransport.ANY_SOCKET, ROOT, p, 0, p.length, 0);
        assertEquals(TcpRelayClient.State.DISCONNECTED, f.client().state(), "not within a minute of start");

        clock.addAndGet(31_000);
        t.send(PhysicalTransport.ANY_SOCKET, Endpoint.parse("10.0.0.1/9993"), p, 0, p.length, 0);
        t.send(PhysicalTransport.ANY_SOCKET, ROOT, p, 0, 15, 0);
        assertEquals(TcpRelayClient.State.DISCONNECTED, f.client().state(), "private destinations and short datagrams never use it");

        t.send(PhysicalTransport.ANY_SOCKET, ROOT, p, 0, p.length, 0);
        Socket s = accept(relay);
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] got = new byte[9 + 12 + 100];
        in.readFully(got);
        assertArrayEquals(p, Arrays.copyOfRange(got, 21, got.length), "the datagram that opened the connection is queued");
        await("the tunnel to count as active", 5000, f::active);
        synchronized (sentOverUdp) {
            assertEquals(4, sentOverUdp.size(), "every datagram still goes over UDP too");
        }

        // a datagram through the tunnel is not a direct receive: the tunnel stays
        s.getOutputStream().write(RelayTestPeer.frame(ROOT, packet(40, 1)));
        assertNotNull(toNode.poll(10, TimeUnit.SECONDS));
        assertTrue(f.active());

        // UDP from a global address: the next housekeeping closes the tunnel
        f.udpSink().receive(1, ROOT, packet(40, 2), 0, 40);
        assertNotNull(toNode.poll(10, TimeUnit.SECONDS), "UDP still reaches the node");
        await("the tunnel to close", 5000, () -> !f.active());
        assertEquals(-1, in.read(), "the relay sees the connection end");
    }

    @Test
    void disallowedAndForcedSendsNothing() throws Exception {
        ServerSocket relay = relay();
        TcpFallback f = fallback(false, true, relay);
        byte[] p = packet(100, 3);
        assertTrue(f.over(udp).send(PhysicalTransport.ANY_SOCKET, ROOT, p, 0, p.length, 0));
        assertEquals(TcpRelayClient.State.DISCONNECTED, f.client().state());
        synchronized (sentOverUdp) {
            assertTrue(sentOverUdp.isEmpty());
        }
    }

    @Test
    void aRelayThatIsNotThereIsRetriedWithBackoff() throws Exception {
        ServerSocket relay = relay();
        int port = relay.getLocalPort();
        relay.close(); // nothing listens there now
        TcpFallback f = new TcpFallback(new TcpFallbackSettings(true, true,
                Endpoint.of(InetAddress.getLoopbackAddress().getAddress(), port)), (s, from, d, o, l) -> {}, clock::get, line -> {});
        open.add(f);
        byte[] p = packet(100, 3);
        PhysicalTransport t = f.over(udp);
        t.send(PhysicalTransport.ANY_SOCKET, ROOT, p, 0, p.length, 0);
        await("the refused attempt to end", 5000, () -> f.client().state() == TcpRelayClient.State.DISCONNECTED);
        t.send(PhysicalTransport.ANY_SOCKET, ROOT, p, 0, p.length, 0);
        assertEquals(TcpRelayClient.State.DISCONNECTED, f.client().state(), "no new attempt before the backoff delay");

        ServerSocket back = new ServerSocket();
        back.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        back.setSoTimeout(10_000);
        open.add(back);
        clock.addAndGet(ReconnectBackoff.FIRST_DELAY_MS);
        t.send(PhysicalTransport.ANY_SOCKET, ROOT, p, 0, p.length, 0);
        accept(back);
        await("the retry to connect", 5000, f::active);
    }

    /**
     * A fallback engaged through the relay {@code relay} (a minute without UDP), and the relay's side of it, its
     * first bytes read.
     */
    private Socket engage(TcpFallback f, PhysicalTransport t, ServerSocket relay) throws Exception {
        clock.addAndGet(TcpFallback.FALLBACK_AFTER_MS + 1);
        byte[] p = packet(100, 3);
        t.send(PhysicalTransport.ANY_SOCKET, ROOT, p, 0, p.length, 0);
        Socket s = accept(relay);
        new DataInputStream(s.getInputStream()).readFully(new byte[9 + 12 + p.length]); // the hello, the datagram
        await("the tunnel to count as active", 5000, f::active);
        return s;
    }

    private static TcpFallbackSettings settings(boolean allowed, boolean forced, ServerSocket relay) {
        return new TcpFallbackSettings(allowed, forced, Endpoint.of(InetAddress.getLoopbackAddress().getAddress(),
                relay.getLocalPort()));
    }

    @Test
    void aReloadThatDisallowsTheRelayClosesItsConnectionForGood() throws Exception {
        ServerSocket relay = relay();
        TcpFallback f = fallback(true, false, relay);
        PhysicalTransport t = f.over(udp);
        Socket s = engage(f, t, relay);

        assertTrue(f.reload(settings(false, false, relay)).isEmpty(), "applied in full");
        await("the tunnel to close", 5000, () -> !f.active());
        assertEquals(-1, s.getInputStream().read(), "the relay sees the connection end");
        assertFalse(f.settings().allowed());

        clock.addAndGet(ReconnectBackoff.MAX_DELAY_MS); // whatever the backoff, an attempt would be due
        byte[] p = packet(100, 4);
        assertTrue(t.send(PhysicalTransport.ANY_SOCKET, ROOT, p, 0, p.length, 0));
        assertEquals(TcpRelayClient.State.DISCONNECTED, f.client().state(), "not connected again");
        assertEquals(1, f.client().connections());
        synchronized (sentOverUdp) {
            assertEquals(2, sentOverUdp.size(), "UDP goes on as before");
        }
    }

    @Test
    void aReloadNamingAnotherRelayMovesTheConnectionThere() throws Exception {
        ServerSocket first = relay();
        ServerSocket second = relay();
        TcpFallback f = fallback(true, false, first);
        PhysicalTransport t = f.over(udp);
        Socket s = engage(f, t, first);

        assertTrue(f.reload(settings(true, false, second)).isEmpty());
        assertEquals(-1, s.getInputStream().read(), "the first relay sees the connection end");
        await("the tunnel to close", 5000, () -> f.client().state() == TcpRelayClient.State.DISCONNECTED);

        byte[] p = packet(100, 5); // no wait for the backoff: a new relay is tried at once
        t.send(PhysicalTransport.ANY_SOCKET, ROOT, p, 0, p.length, 0);
        Socket moved = accept(second);
        DataInputStream in = new DataInputStream(moved.getInputStream());
        byte[] got = new byte[9 + 12 + 100];
        in.readFully(got);
        assertEquals("1703030004010e0001", HexFormat.of().formatHex(got, 0, 9), "a new connection, hello first");
        assertArrayEquals(p, Arrays.copyOfRange(got, 21, got.length));
        await("the tunnel to count as active", 5000, f::active);
        assertEquals(second.getLocalPort(), f.client().relay().port());
        assertEquals(2, f.client().connections());
    }

    @Test
    void aRelayForcedAtStartStaysForcedThroughAReload() throws Exception {
        ServerSocket relay = relay();
        TcpFallback f = fallback(true, true, relay);
        PhysicalTransport t = f.over(udp);
        byte[] p = packet(100, 6);
        t.send(PhysicalTransport.ANY_SOCKET, ROOT, p, 0, p.length, 0);
        Socket s = accept(relay);
        await("the tunnel to count as active", 5000, f::active);

        String said = f.reload(settings(false, false, relay)).orElseThrow();
        assertTrue(said.contains("stays forced"), said);
        assertTrue(f.settings().forced());
        assertTrue(f.settings().allowed());
        t.send(PhysicalTransport.ANY_SOCKET, ROOT, p, 0, p.length, 0);
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] both = new byte[9 + 2 * (12 + 100)];
        in.readFully(both);
        assertArrayEquals(p, Arrays.copyOfRange(both, both.length - 100, both.length), "the same connection carries on");
        assertTrue(f.active());
        assertEquals(1, f.client().connections());
        f.udpSink().receive(1, ROOT, packet(40, 0), 0, 40);
        assertTrue(toNode.isEmpty(), "UDP is still ignored");
        synchronized (sentOverUdp) {
            assertTrue(sentOverUdp.isEmpty(), "and none is sent");
        }
        assertTrue(f.reload(settings(true, true, relay)).isEmpty(), "the same settings: nothing to say");
    }

    @Test
    void backoffDoublesUpToAMinuteAndStartsOverAfterSuccess() {
        ReconnectBackoff b = new ReconnectBackoff();
        long now = 0;
        assertTrue(b.tryAttempt(now));
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long next = now + 1;
            while (!b.tryAttempt(next)) next++;
            waits.add(next - now);
            now = next;
        }
        assertEquals(List.of(2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L, 60_000L), waits);
        assertFalse(b.tryAttempt(now + 1));
        b.succeeded();
        assertTrue(b.tryAttempt(now + 1));
    }
}
