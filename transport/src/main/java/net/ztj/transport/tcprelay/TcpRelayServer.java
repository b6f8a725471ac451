package net.ztj.transport.tcprelay;

import net.ztj.core.wire.Endpoint;
import net.ztj.transport.udp.InetEndpoints;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A TCP relay that speaks ZeroTier's relay framing (spec 05 §9.6, §9.8), for self-hosters to run next to their
 * roots: every accepted client gets its own UDP socket; each of the client's frames goes out of that socket as one
 * datagram to the address the frame names, and each datagram that socket receives goes back to the client as a
 * frame naming its source. One thread with a selector serves every connection and socket; nothing blocks.
 *
 * <p>Rules, as ZeroTier's tcp-proxy has them: datagrams shorter than 16 bytes are not relayed either way, nor
 * datagrams to ports up to 1024. Unlike tcp-proxy, a client must send its hello first (tcp-proxy's fallback for
 * pre-hello clients, relaying to 127.0.0.1:9993, is not offered), IPv6 destinations are relayed where the host has
 * IPv6, and the {@link RelayLimits} apply. A stream that is not relay framing closes its connection. Everything
 * refused, dropped or closed is counted ({@link #stats}).
 */
public final class TcpRelayServer implements AutoCloseable {
    /** Housekeeping (time-outs) runs this often. */
    static final long HOUSEKEEPING_MS = 1_000;
    /** At most this many datagrams are read from one client's socket in a row, so one client cannot starve others. */
    static final int UDP_READS_PER_WAKE = 64;
    /** Datagrams to ports up to this are not relayed (tcp-proxy's abuse rule). */
    public static final int HIGHEST_REFUSED_PORT = 1024;

    /** Counters since start. */
    public record Stats(long accepted, long refusedFull, long refusedPerAddress, long closedBadFraming,
                        long closedNoHello, long closedIdle, long closedByClient, long datagramsToUdp,
                        long datagramsToClients, long droppedRefusedDestination, long droppedBadLength,
                        long droppedNoAddress, long droppedUdpSendFailed, long droppedClientBacklog, int clients) {}

    private final RelayLimits limits;
    private final LongSupplier clockMs;
    private final Consumer<String> log;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final Thread thread;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final List<Client> clients = new ArrayList<>();
    private final RelayFrameReader reader = new RelayFrameReader();
    private final ByteBuffer datagram = ByteBuffer.allocate(65536);
    private volatile boolean closed;
    private final AtomicLong accepted = new AtomicLong(), refusedFull = new AtomicLong(),
            refusedPerAddress = new AtomicLong(), closedBadFraming = new AtomicLong(), closedNoHello = new AtomicLong(),
            closedIdle = new AtomicLong(), closedByClient = new AtomicLong(), toUdp = new AtomicLong(),
            toClients = new AtomicLong(), droppedRefused = new AtomicLong(), droppedBadLength = new AtomicLong(),
            droppedNoAddress = new AtomicLong(), droppedSendFailed = new AtomicLong(), droppedBacklog = new AtomicLong();

    /** One TCP client and its UDP socket; touched only by the server's thread. */
    private final class Client {
        final SocketChannel tcp;
        final DatagramChannel udp;
        final InetAddress source;
        final String name;
        final long acceptedAt;
        final ByteBuffer in = ByteBuffer.allocate(RelayFrames.HEADER_BYTES + RelayFrames.MAX_PAYLOAD_BYTES);
        final ByteBuffer out;
        SelectionKey tcpKey;
        long lastActivity;
        boolean hello;
        Endpoint lastSource;
        byte[] lastBlock;

        Client(SocketChannel tcp, DatagramChannel udp, InetAddress source, String name, long now) {
            this.tcp = tcp;
            this.udp = udp;
            this.source = source;
            this.name = name;
            this.acceptedAt = now;
            this.lastActivity = now;
            this.out = ByteBuffer.allocate(limits.maxBufferedBytes() + RelayFrames.HEADER_BYTES + RelayFrames.MAX_PAYLOAD_BYTES);
        }
    }

    /**
     * Listens and starts serving.
     *
     * @param listen  the TCP address and port to listen on (port 0: any free port, see {@link #port})
     * @param clockMs the wall clock, for the time-outs
     * @param log     one line per connection accepted, refused or closed
     * @throws IOException if the address cannot be bound
     */
    public TcpRelayServer(InetSocketAddress listen, RelayLimits limits, LongSupplier clockMs, Consumer<String> log)
            throws IOException {
        this.limits = limits;
        this.clockMs = clockMs;
        this.log = log;
        this.selector = Selector.open();
        try {
            listener = ServerSocketChannel.open();
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(listen, 256);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        thread = Thread.ofPlatform().name("tcp-relay-server").start(this::loop);
    }

    /** The TCP port the server listens on. */
    public int port() {
        try {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            return 0;
        }
    }

    public Stats stats() {
        int n;
        synchronized (clients) {
            n = clients.size();
        }
        return new Stats(accepted.get(), refusedFull.get(), refusedPerAddress.get(), closedBadFraming.get(),
                closedNoHello.get(), closedIdle.get(), closedByClient.get(), toUdp.get(), toClients.get(),
                droppedRefused.get(), droppedBadLength.get(), droppedNoAddress.get(), droppedSendFailed.get(),
                droppedBacklog.get(), n);
    }

    private void loop() {
        long nextHousekeepingNs = System.nanoTime() + HOUSEKEEPING_MS * 1_000_000; // elapsed time, not the wall clock
        while (!closed) {
            try {
                selector.select(HOUSEKEEPING_MS);
            } catch (IOException | ClosedSelectorException e) {
                if (closed) break;
                continue;
            }
            for (SelectionKey k : selector.selectedKeys()) {
                try {
                    if (k.channel() == listener) {
                        if (k.isValid() && k.isAcceptable()) accept();
                    } else if (k.attachment() instanceof Client c) {
                        if (k.isValid() && k.isReadable()) {
                            if (k.channel() == c.tcp) readTcp(c);
                            else readUdp(c);
                        }
                        if (k.isValid() && k.channel() == c.tcp && k.isWritable()) flush(c);
                    }
                } catch (java.nio.channels.CancelledKeyException e) {
                    // closed while being handled
                }
            }
            selector.selectedKeys().clear();
            if (System.nanoTime() - nextHousekeepingNs >= 0) {
                nextHousekeepingNs = System.nanoTime() + HOUSEKEEPING_MS * 1_000_000;
                housekeeping(clockMs.getAsLong());
            }
        }
        for (Client c : List.copyOf(clients)) drop(c, null, "server stopping");
    }

    private void accept() {
        SocketChannel tcp;
        try {
            tcp = listener.accept();
        } catch (IOException e) {
            return; // e.g. out of file descriptors: the next accept may work
        }
        if (tcp == null) return;
        InetAddress source;
        try {
            source = ((InetSocketAddress) tcp.getRemoteAddress()).getAddress();
        } catch (IOException e) {
            closeQuietly(tcp);
            return;
        }
        String name = source.getHostAddress();
        if (clients.size() >= limits.maxClients()) {
            refusedFull.incrementAndGet();
            log.accept("refused " + name + ": " + limits.maxClients() + " clients already");
            closeQuietly(tcp);
            return;
        }
        int fromSource = perAddress.getOrDefault(source, 0);
        if (fromSource >= limits.maxClientsPerAddress()) {
            refusedPerAddress.incrementAndGet();
            log.accept("refused " + name + ": " + fromSource + " connections from it already");
            closeQuietly(tcp);
            return;
        }
        DatagramChannel udp = null;
        try {
            udp = openUdp();
            tcp.configureBlocking(false);
            tcp.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Client c = new Client(tcp, udp, source, name + " port " + ((InetSocketAddress) tcp.getRemoteAddress()).getPort(),
                    clockMs.getAsLong());
            c.tcpKey = tcp.register(selector, SelectionKey.OP_READ, c);
            udp.register(selector, SelectionKey.OP_READ, c);
            synchronized (clients) {
                clients.add(c);
            }
            perAddress.merge(source, 1, Integer::sum);
            accepted.incrementAndGet();
            log.accept("client " + c.name + " relayed from UDP port " + ((InetSocketAddress) udp.getLocalAddress()).getPort());
        } catch (IOException | RuntimeException e) {
            log.accept("refused " + name + ": " + e.getMessage());
            closeQuietly(tcp);
            if (udp != null) closeQuietly(udp);
        }
    }

    /** A dual-stack UDP socket on an ephemeral port, or IPv4 only where the host has no IPv6. */
    private static DatagramChannel openUdp() throws IOException {
        DatagramChannel udp;
        try {
            udp = DatagramChannel.open(StandardProtocolFamily.INET6);
            udp.bind(new InetSocketAddress(InetEndpoints.toInetAddress(new byte[16]), 0));
        } catch (UnsupportedOperationException | IOException e) {
            udp = DatagramChannel.open(StandardProtocolFamily.INET);
            udp.bind(new InetSocketAddress(InetEndpoints.toInetAddress(new byte[4]), 0));
        }
        udp.configureBlocking(false);
        return udp;
    }

    private void readTcp(Client c) {
        int n;
        try {
            n = c.tcp.read(c.in);
        } catch (IOException e) {
            drop(c, closedByClient, "read failed: " + e.getMessage());
            return;
        }
        if (n < 0) {
            drop(c, closedByClient, "closed by the client");
            return;
        }
        c.lastActivity = clockMs.getAsLong();
        c.in.flip();
        while (true) {
            RelayFrameReader.Kind kind = reader.next(c.in);
            switch (kind) {
                case NEED_MORE -> {
                    c.in.compact();
                    return;
                }
                case BAD -> {
                    drop(c, closedBadFraming, "not relay framing: " + reader.bad());
                    return;
                }
                case HELLO -> c.hello = true;
                case EMPTY -> { }
                case NO_ADDRESS -> droppedNoAddress.incrementAndGet();
                case DATAGRAM -> {
                    if (!c.hello) {
                        drop(c, closedNoHello, "a datagram before the hello");
                        return;
                    }
                    forwardToUdp(c);
                }
            }
        }
    }

    private void forwardToUdp(Client c) {
        if (reader.port() <= HIGHEST_REFUSED_PORT) {
            droppedRefused.incrementAndGet();
            return;
        }
        if (reader.datagramLength() < TcpFallback.MIN_DATAGRAM_BYTES) {
            droppedBadLength.incrementAndGet();
            return;
        }
        try {
            SocketAddress to = InetEndpoints.toSocketAddress(reader.endpoint());
            int sent = c.udp.send(ByteBuffer.wrap(c.in.array(), reader.datagramOffset(), reader.datagramLength()), to);
            if (sent == 0) droppedSendFailed.incrementAndGet();
            else toUdp.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            droppedSendFailed.incrementAndGet(); // unreachable network, IPv6 on an IPv4 socket, ...
        }
    }

    private void readUdp(Client c) {
        for (int i = 0; i < UDP_READS_PER_WAKE; i++) {
            datagram.clear();
            SocketAddress from;
            try {
                from = c.udp.receive(datagram);
            } catch (IOException e) {
                return; // an ICMP error reported on the socket
            }
            if (!(from instanceof InetSocketAddress sender)) return;
            c.lastActivity = clockMs.getAsLong();
            int len = datagram.position();
            if (len < TcpFallback.MIN_DATAGRAM_BYTES || len > RelayFrames.MAX_DATAGRAM_BYTES) {
                droppedBadLength.incrementAndGet();
                continue;
            }
            Endpoint source = InetEndpoints.toEndpoint(sender);
            if (!source.equals(c.lastSource)) {
                c.lastSource = source;
                c.lastBlock = RelayFrames.addressBlock(source);
            }
            if (c.out.position() + RelayFrames.HEADER_BYTES + c.lastBlock.length + len > limits.maxBufferedBytes()) {
                droppedBacklog.incrementAndGet();
                continue;
            }
            RelayFrames.writeData(c.out, c.lastBlock, datagram.array(), 0, len);
            toClients.incrementAndGet();
            flush(c);
            if (!c.tcp.isOpen()) return;
        }
    }

    private void flush(Client c) {
        try {
            c.out.flip();
            c.tcp.write(c.out);
            c.out.compact();
        } catch (IOException e) {
            drop(c, closedByClient, "write failed: " + e.getMessage());
            return;
        }
        int ops = c.out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (c.tcpKey.isValid() && c.tcpKey.interestOps() != ops) c.tcpKey.interestOps(ops);
    }

    private void housekeeping(long now) {
        for (Client c : List.copyOf(clients)) {
            if (!c.hello && now - c.acceptedAt > limits.helloTimeoutMs()) {
                drop(c, closedNoHello, "no hello within " + limits.helloTimeoutMs() / 1000 + " s");
            } else if (now - c.lastActivity > limits.idleTimeoutMs()) {
                drop(c, closedIdle, "idle for " + limits.idleTimeoutMs() / 1000 + " s");
            }
        }
    }

    /** Closes a client's connection and socket, counting why. */
    private void drop(Client c, AtomicLong reason, String why) {
        synchronized (clients) {
            if (!clients.remove(c)) return;
        }
        if (reason != null) reason.incrementAndGet();
        perAddress.computeIfPresent(c.source, (a, n) -> n > 1 ? n - 1 : null);
        closeQuietly(c.tcp);
        closeQuietly(c.udp);
        log.accept("client " + c.name + " closed: " + why);
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    /** Closes every connection and the listener, and stops the thread. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(listener);
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
