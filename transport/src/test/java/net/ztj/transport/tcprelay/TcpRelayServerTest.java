package net.ztj.transport.tcprelay;

import net.ztj.core.wire.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static net.ztj.transport.tcprelay.RelayTestPeer.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our relay server on the loopback interface: forwarding both ways, bad input, limits and time-outs. */
class TcpRelayServerTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private TcpRelayServer server(RelayLimits limits) throws Exception {
        TcpRelayServer s = new TcpRelayServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits,
                clock::get, line -> {});
        open.add(s);
        return s;
    }

    private RelayTestPeer client(TcpRelayServer s) throws Exception {
        RelayTestPeer c = new RelayTestPeer(s.port());
        open.add(c);
        return c;
    }

    private DatagramSocket udpPeer() throws Exception {
        DatagramSocket u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        u.setSoTimeout(10_000);
        open.add(u);
        return u;
    }

    private static Endpoint endpoint(DatagramSocket u) {
        return Endpoint.of(InetAddress.getLoopbackAddress().getAddress(), u.getLocalPort());
    }

    private static byte[] datagram(String text) {
        return Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), Math.max(16, text.length()));
    }

    @Test
    void relaysDatagramsBothWays() throws Exception {
        TcpRelayServer s = server(RelayLimits.defaults());
        DatagramSocket peer = udpPeer();
        RelayTestPeer c = client(s);
        c.hello();
        c.send(endpoint(peer), datagram("to the peer, via the relay"));

        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        peer.receive(p);
        assertArrayEquals(datagram("to the peer, via the relay"), Arrays.copyOf(p.getData(), p.getLength()));
        assertTrue(p.getPort() > 0);

        byte[] reply = datagram("back to the client, with my address");
        peer.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        RelayTestPeer.Received r = c.receive();
        assertEquals(endpoint(peer), r.from(), "the frame names the datagram's source");
        assertArrayEquals(reply, r.data());
        await("both datagrams to be counted", 5000, () -> s.stats().datagramsToUdp() == 1 && s.stats().datagramsToClients() == 1);
    }

    @Test
    void framesSplitIntoSingleBytesStillArrive() throws Exception {
        TcpRelayServer s = server(RelayLimits.defaults());
        DatagramSocket peer = udpPeer();
        RelayTestPeer c = client(s);
        byte[] stream = concat(RelayFrames.hello(), RelayTestPeer.frame(endpoint(peer), datagram("one byte at a time")));
        for (byte b : stream) c.write(new byte[] {b});
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        peer.receive(p);
        assertArrayEquals(datagram("one byte at a time"), Arrays.copyOf(p.getData(), p.getLength()));
    }

    @Test
    void aStreamThatIsNotRelayFramingIsClosedAndCounted() throws Exception {
        TcpRelayServer s = server(RelayLimits.defaults());
        RelayTestPeer c = client(s);
        c.write("GET / HTTP/1.1\r\nHost: relay\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(c.closedByPeer());
        await("the bad stream to be counted", 5000, () -> s.stats().closedBadFraming() == 1);

        RelayTestPeer d = client(s);
        d.hello();
        d.write(new byte[] {0x17, 0x03, 0x03, 0x00, 0x0a, 0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // address type 5
        assertTrue(d.closedByPeer());
        await("the unknown address type to be counted", 5000, () -> s.stats().closedBadFraming() == 2);
        assertEquals(0, s.stats().clients());
    }

    @Test
    void aDatagramBeforeTheHelloClosesTheConnection() throws Exception {
        TcpRelayServer s = server(RelayLimits.defaults());
        DatagramSocket peer = udpPeer();
        RelayTestPeer c = client(s);
        c.send(endpoint(peer), datagram("no hello first"));
        assertTrue(c.closedByPeer());
        await("the missing hello to be counted", 5000, () -> s.stats().closedNoHello() == 1);
    }

    @Test
    void privilegedPortsShortAndAddresslessDatagramsAreDroppedButTheConnectionStays() throws Exception {
        TcpRelayServer s = server(RelayLimits.defaults());
        DatagramSocket peer = udpPeer();
        RelayTestPeer c = client(s);
        c.hello();
        c.send(endpoint(peer).withPort(1024), datagram("to a privileged port"));
        c.send(endpoint(peer), new byte[15]);
        c.write(concat(new byte[] {0x17, 0x03, 0x03, 0x00, 0x11, 0x00}, new byte[16])); // no address
        c.send(endpoint(peer), datagram("this one goes"));
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        peer.receive(p);
        assertArrayEquals(datagram("this one goes"), Arrays.copyOf(p.getData(), p.getLength()));
        await("the relayed datagram to be counted", 5000, () -> s.stats().datagramsToUdp() == 1);
        TcpRelayServer.Stats st = s.stats();
        assertEquals(1, st.droppedRefusedDestination());
        assertEquals(1, st.droppedBadLength());
        assertEquals(1, st.droppedNoAddress());
        assertEquals(1, st.datagramsToUdp());
        assertEquals(1, st.clients());
    }

    @Test
    void connectionsPerAddressAndInTotalAreLimited() throws Exception {
        TcpRelayServer s = server(new RelayLimits(3, 2, 256 * 1024, 300_000, 30_000));
        RelayTestPeer a = client(s), b = client(s);
        a.hello();
        b.hello();
        await("two clients", 5000, () -> s.stats().clients() == 2);
        RelayTestPeer third = client(s);
        assertTrue(third.closedByPeer());
        assertEquals(1, s.stats().refusedPerAddress());

        a.close();
        await("the first client to be gone", 5000, () -> s.stats().clients() == 1);
        RelayTestPeer again = client(s);
        again.hello();
        await("a client in the freed place", 5000, () -> s.stats().clients() == 2 && s.stats().accepted() == 3);
    }

    @Test
    void theTotalLimitRefusesBeyondIt() throws Exception {
        TcpRelayServer s = server(new RelayLimits(1, 4, 256 * 1024, 300_000, 30_000));
        RelayTestPeer a = client(s);
        a.hello();
        await("one client", 5000, () -> s.stats().clients() == 1);
        assertTrue(client(s).closedByPeer());
        assertEquals(1, s.stats().refusedFull());
    }

    @Test
    void idleConnectionsAndConnectionsWithoutHelloTimeOut() throws Exception {
        TcpRelayServer s = server(new RelayLimits(16, 16, 256 * 1024, 300_000, 30_000));
        RelayTestPeer silent = client(s), idle = client(s);
        idle.hello();
        await("two clients", 5000, () -> s.stats().clients() == 2);
        clock.addAndGet(30_001);
        assertTrue(silent.closedByPeer());
        await("the silent client to be counted", 5000, () -> s.stats().closedNoHello() == 1 && s.stats().clients() == 1);
        // past the idle time even if the server read idle's hello only after the first step of the clock (a slow run)
        clock.addAndGet(300_000 + 30_002);
        assertTrue(idle.closedByPeer());
        await("the idle client to be counted", 5000, () -> s.stats().closedIdle() == 1 && s.stats().clients() == 0);
    }

    @Test
    void datagramsForAClientThatDoesNotReadAreDroppedBeyondItsBuffer() throws Exception {
        TcpRelayServer s = server(new RelayLimits(16, 16, 8 * 1024, 300_000, 30_000));
        DatagramSocket peer = udpPeer();
        RelayTestPeer c = new RelayTestPeer(s.port(), 4096);
        open.add(c);
        c.hello();
        c.send(endpoint(peer), datagram("tell me your port"));
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        peer.receive(p);
        byte[] big = new byte[1400];
        // the client reads nothing: kernel buffers fill, then the server's 8 KiB, then datagrams are dropped
        for (int i = 0; i < 20_000 && s.stats().droppedClientBacklog() == 0; i++) {
            peer.send(new DatagramPacket(big, big.length, p.getSocketAddress()));
            if ((i & 63) == 63) Thread.yield();
        }
        await("datagrams beyond the client's buffer to be dropped", 10_000, () -> s.stats().droppedClientBacklog() > 0);
        assertEquals(1, s.stats().clients(), "a slow client is not disconnected for it");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
