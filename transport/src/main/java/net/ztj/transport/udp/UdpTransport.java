package net.ztj.transport.udp;

import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.wire.Endpoint;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's UDP sockets (spec 05 §9.1–§9.3): binds ports, sends for the node, hands every received datagram with
 * its socket id to a {@link DatagramSink}.
 *
 * <p>Binding is simplified against the reference, which binds every port on every usable local address and ties
 * each socket to its interface (SO_BINDTODEVICE): here each port is bound once on the wildcard address, as one
 * dual-stack IPv6 socket (or IPv4 where the host has no IPv6), and the list of local addresses the node advertises
 * comes from {@link net.ztj.transport.iface.LocalAddressScanner}. The routing table therefore picks the outgoing
 * interface. An explicit bind list ({@code settings.bind}) binds exactly the listed addresses with {@link #bind}.
 *
 * <p>Thread safety: {@link #send} is called by the node's thread, binding and closing by the service's; the
 * socket table is concurrent.
 */
public final class UdpTransport implements PhysicalTransport, AutoCloseable {
    private final DatagramSink sink;
    private final Map<Long, UdpSocket> sockets = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile boolean batching;
    /** The sockets as an array, for {@link #flush} at the end of every turn of the node without an iterator. */
    private volatile UdpSocket[] socketArray = {};
    /** NAT traversal's extra sockets, made on first use. */
    private ProbeSockets probes;

    public UdpTransport(DatagramSink sink) {
        this.sink = sink;
    }

    /**
     * Binds a port on the wildcard address: {@code [::]} (dual-stack, so IPv4 too), or {@code 0.0.0.0} on a host
     * without IPv6.
     *
     * @throws IOException if the port is taken
     */
    public UdpSocket bindWildcard(int port) throws IOException {
        InetSocketAddress v6 = new InetSocketAddress(InetEndpoints.toInetAddress(new byte[16]), port);
        try {
            return bind(v6);
        } catch (UnsupportedOperationException e) {
            return bind(new InetSocketAddress(InetEndpoints.toInetAddress(new byte[4]), port));
        }
    }

    /**
     * Binds one address and port.
     *
     * @throws IOException if it cannot be bound
     * @throws UnsupportedOperationException if the host lacks the address family
     */
    public UdpSocket bind(InetSocketAddress local) throws IOException {
        long id = nextId.getAndIncrement();
        UdpSocket socket = UdpSocket.bind(id, local, sink);
        socket.setBatching(batching);
        sockets.put(id, socket);
        socketArray = sockets.values().toArray(UdpSocket[]::new);
        return socket;
    }

    /** Binds one address and port, given as address bytes. */
    public UdpSocket bind(InetAddress address, int port) throws IOException {
        return bind(new InetSocketAddress(address, port));
    }

    /** The bound sockets in the order they were bound. */
    public List<UdpSocket> sockets() {
        List<UdpSocket> all = new ArrayList<>(sockets.values());
        all.sort(Comparator.comparingLong(UdpSocket::id));
        return all;
    }

    /** The distinct bound port numbers, in binding order. */
    public List<Integer> ports() {
        return sockets().stream().map(UdpSocket::port).distinct().toList();
    }

    /**
     * Sends from the designated socket if it is still bound and reaches the destination's family (a probe socket
     * too), else from every bound socket that does; true if any send succeeded. A {@code ttl} of 1 to 255 is that
     * datagram's own IP TTL (hop limit), set on the socket for that one send (ZeroTier One does the same).
     */
    @Override
    public boolean send(long localSocket, Endpoint to, byte[] data, int off, int len, int ttl) {
        if (localSocket != ANY_SOCKET) {
            UdpSocket designated = sockets.get(localSocket);
            if (designated != null && designated.reaches(to)) return sendOn(designated, to, data, off, len, ttl);
            ProbeSockets p = probes;
            if (p != null && p.owns(localSocket)) return p.send(localSocket, to, data, off, len, ttl);
        }
        boolean sent = false;
        for (UdpSocket socket : sockets.values()) {
            if (socket.reaches(to) && sendOn(socket, to, data, off, len, ttl)) sent = true;
        }
        return sent;
    }

    private static boolean sendOn(UdpSocket socket, Endpoint to, byte[] data, int off, int len, int ttl) {
        return ttl > 0 ? socket.sendWithTtl(to, data, off, len, ttl) : socket.send(to, data, off, len);
    }

    /** A probe socket on an ephemeral port (dual-stack when the bound sockets are); see {@link ProbeSockets}. */
    @Override
    public synchronized long openProbeSocket() {
        if (probes == null) {
            boolean v6 = false;
            for (UdpSocket s : sockets.values()) v6 |= s.reaches(Endpoint.of(new byte[16], 1));
            probes = new ProbeSockets(sink, v6);
        }
        long id = nextId.getAndIncrement();
        return probes.open(id) ? id : ANY_SOCKET;
    }

    @Override
    public void closeProbeSocket(long localSocket) {
        ProbeSockets p = probes;
        if (p != null) p.close(localSocket);
    }

    /** Probe sockets open now. */
    public int probeSockets() {
        ProbeSockets p = probes;
        return p == null ? 0 : p.count();
    }

    /**
     * With batching on, {@link #send} only queues datagrams (per socket, in native memory) and {@link #flush} sends
     * them, each socket's with one sendmmsg; the service flushes at the end of each turn of the node. Off (the
     * default), every send leaves at once.
     */
    public void setBatching(boolean on) {
        batching = on;
        for (UdpSocket socket : sockets.values()) socket.setBatching(on);
    }

    /** Sends what batching queued on every socket. */
    public void flush() {
        for (UdpSocket socket : socketArray) socket.flush();
    }

    /** Closes one socket (it stops receiving and is no longer used for sending). */
    public void close(UdpSocket socket) {
        sockets.remove(socket.id());
        socketArray = sockets.values().toArray(UdpSocket[]::new);
        socket.close();
    }

    /** Closes every socket and stops their receive threads. */
    @Override
    public void close() {
        for (UdpSocket socket : sockets()) close(socket);
        synchronized (this) {
            if (probes != null) probes.close();
        }
    }

    /**
     * Exercises the send and receive path of these sockets on the loopback interface (two sockets on 127.0.0.1
     * with ephemeral ports, datagrams of tunnel sizes both ways, batched and flushed as the daemon sends them, received
     * in batches), so that the JIT has compiled it before the node's
     * first packet. Nothing leaves the host. Returns how many datagrams arrived; 0 when loopback is unusable.
     *
     * @param datagrams how many to send (half each way); the call waits at most a few seconds for them
     */
    public static long warmUp(int datagrams) {
        java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        // as in the daemon: whole receive batches go to the sink, and sends wait for a flush
        DatagramSink sink = new DatagramSink() {
            @Override
            public void receive(long socket, Endpoint from, byte[] data, int off, int len) {
                received.incrementAndGet();
            }

            @Override
            public void receive(long socket, ReceivedDatagrams batch) {
                received.addAndGet(batch.count());
            }
        };
        try (UdpTransport t = new UdpTransport(sink)) {
            t.setBatching(true);
            UdpSocket a = t.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            UdpSocket b = t.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Endpoint toA = InetEndpoints.toEndpoint(a.localAddress()), toB = InetEndpoints.toEndpoint(b.localAddress());
            byte[] big = new byte[1432], small = new byte[122];
            long deadline = System.nanoTime() + 5_000_000_000L;
            for (int i = 0; i < datagrams && System.nanoTime() < deadline; i++) {
                boolean forward = (i & 1) == 0;
                byte[] d = (i & 3) < 2 ? big : small;
                t.send(forward ? a.id() : b.id(), forward ? toB : toA, d, 0, d.length, 0);
                if ((i & 3) == 3) t.flush();
                // keep at most a few hundred in flight, as the socket buffers would drop more
                while (i - received.get() > 256 && System.nanoTime() < deadline) java.util.concurrent.locks.LockSupport.parkNanos(50_000);
            }
            t.flush();
            while (received.get() < datagrams && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                if (received.get() >= datagrams - 256) break; // what the buffers dropped will not come
            }
        } catch (IOException | RuntimeException e) {
            // no loopback (e.g. a namespace with lo down): no warm-up, nothing else changes
        }
        return received.get();
    }
}
