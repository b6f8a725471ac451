package net.ztj.service.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

/**
 * DNS on one address and port, over UDP and TCP (RFC 1035 §4.2, RFC 7766): each query goes through the source's
 * rate limit, then the responder. A TCP connection may carry several queries, is closed after
 * {@value #TCP_IDLE_MS} ms without one, and at most {@value #MAX_TCP_CONNECTIONS} are open at once.
 *
 * <p>Threads: one platform thread receives UDP; one virtual thread accepts TCP and one serves each connection. None
 * of them touches the node: answers come from the zones' snapshot.
 */
public final class DnsListener implements AutoCloseable {
    static final int TCP_IDLE_MS = 10_000;
    static final int MAX_TCP_CONNECTIONS = 64;

    private final InetSocketAddress address;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final DnsResponder responder;
    private final SourceRateLimit rate;
    private final LongPredicate scope;
    private final LongSupplier nanoClock;
    private final DnsCounters counters;
    private final Semaphore connections = new Semaphore(MAX_TCP_CONNECTIONS);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DnsListener(InetSocketAddress address, DatagramSocket udp, ServerSocket tcp, DnsResponder responder,
                        SourceRateLimit rate, LongPredicate scope, LongSupplier nanoClock, DnsCounters counters) {
        this.address = address;
        this.udp = udp;
        this.tcp = tcp;
        this.responder = responder;
        this.rate = rate;
        this.scope = scope;
        this.nanoClock = nanoClock;
        this.counters = counters;
    }

    /**
     * Binds UDP and TCP at {@code address} (port 0: a free port, the same for both) and starts serving.
     *
     * @param scope the networks whose zones are answered here
     * @throws IOException when either cannot be bound (for instance while the address is not on an interface yet)
     */
    public static DnsListener open(InetSocketAddress address, DnsResponder responder, SourceRateLimit rate,
                                   LongPredicate scope, LongSupplier nanoClock, DnsCounters counters) throws IOException {
        DatagramSocket udp = new DatagramSocket(null);
        ServerSocket tcp = null;
        try {
            udp.setReuseAddress(true);
            udp.bind(address);
            InetSocketAddress bound = new InetSocketAddress(address.getAddress(), udp.getLocalPort());
            tcp = new ServerSocket();
            tcp.setReuseAddress(true);
            tcp.bind(bound, 16);
            DnsListener l = new DnsListener(bound, udp, tcp, responder, rate, scope, nanoClock, counters);
            l.start();
            return l;
        } catch (IOException | RuntimeException e) {
            udp.close();
            if (tcp != null) tcp.close();
            throw e;
        }
    }

    /** The bound address (its port is the real one when 0 was asked for). */
    public InetSocketAddress address() {
        return address;
    }

    private void start() {
        Thread.ofPlatform().name("ztj-dns-udp " + address).daemon().start(this::serveUdp);
        Thread.ofVirtual().name("ztj-dns-tcp " + address).start(this::acceptTcp);
    }

    private void serveUdp() {
        byte[] buf = new byte[DnsResponder.TCP_MAX];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                p.setData(buf);
                udp.receive(p);
                if (!rate.admit(p.getAddress(), nanoClock.getAsLong())) {
                    counters.rateLimited.increment();
                    continue;
                }
                byte[] answer = responder.answer(buf, 0, p.getLength(), false, scope);
                if (answer != null) udp.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
            } catch (IOException e) {
                if (closed) return; // closed under the receive
            } catch (RuntimeException e) {
                counters.dropped.increment(); // never let one query end the listener
            }
        }
    }

    private void acceptTcp() {
        while (!closed) {
            Socket s;
            try {
                s = tcp.accept();
            } catch (IOException e) {
                if (closed) return;
                continue;
            }
            if (!connections.tryAcquire()) {
                closeQuietly(s);
                continue;
            }
            open.add(s);
            Thread.ofVirtual().name("ztj-dns-tcp-conn").start(() -> {
                try {
                    serveTcp(s);
                } finally {
                    open.remove(s);
                    closeQuietly(s);
                    connections.release();
                }
            });
        }
    }

    private void serveTcp(Socket s) {
        try {
            s.setSoTimeout(TCP_IDLE_MS);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (!closed) {
                int length = in.readUnsignedShort();
                byte[] query = in.readNBytes(length);
                if (query.length < length) { // the connection ended inside the query
                    counters.dropped.increment();
                    return;
                }
                if (!rate.admit(s.getInetAddress(), nanoClock.getAsLong())) {
                    counters.rateLimited.increment();
                    return;
                }
                byte[] answer = responder.answer(query, 0, query.length, true, scope);
                if (answer == null) return;
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (EOFException | SocketException | java.net.SocketTimeoutException e) {
            // the client is done, or the listener closed
        } catch (IOException | RuntimeException e) {
            counters.dropped.increment();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        closeQuietly(tcp);
        for (Socket s : open) closeQuietly(s);
    }
}
