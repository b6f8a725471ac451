package net.ztj.transport.tcprelay;

import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.wire.Endpoint;
import net.ztj.transport.udp.DatagramSink;
import net.ztj.transport.udp.InetEndpoints;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * One TCP connection to a relay at a time (spec 05 §9.5, §9.6), driven by a single thread with a selector: it
 * connects, sends the hello, writes the queued frames and reads the relay's frames, handing each datagram to a
 * {@link DatagramSink} as if it had arrived on the pseudo socket {@link PhysicalTransport#ANY_SOCKET} (-1) from the
 * address the frame names — the same entry the UDP sockets use, so one decoder serves both. The thread also calls
 * a tick every {@link #TICK_MS} for the owner's housekeeping.
 *
 * <p>Threads: {@link #send} comes from the node's thread and writes directly when nothing is queued (non-blocking;
 * the rest waits for the socket to be writable); {@link #connect} and {@link #disconnect} from any thread hand the
 * work to the client's thread. Datagrams are delivered on the client's thread, which holds no lock meanwhile.
 */
public final class TcpRelayClient implements AutoCloseable {
    /** The client's thread wakes at least this often for the tick. */
    public static final long TICK_MS = 500;
    /** Frames are queued while fewer bytes than this wait to be written (ZeroTier's limit); others are dropped. */
    public static final int QUEUE_LIMIT_BYTES = 64 * 1024;
    /** A connection attempt that has not completed after this long is abandoned. */
    public static final long CONNECT_TIMEOUT_MS = 10_000;

    /** Where the connection stands. */
    public enum State { DISCONNECTED, CONNECTING, CONNECTED }

    /** What the owner hears about the connection (on the client's thread). */
    public interface Listener {
        /** The connection is up and the hello was queued. */
        default void connected(Endpoint relay) {}

        /** The connection ended (or never came up); {@code why} says how. */
        default void closed(Endpoint relay, String why) {}

        /** The first datagram came through this connection. */
        default void carried(Endpoint relay) {}
    }

    private final DatagramSink sink;
    private final Listener listener;
    private final LongSupplier clockMs;
    private final LongConsumer tick;
    private final Selector selector;
    private final Thread thread;
    private final RelayFrameReader reader = new RelayFrameReader();
    private final ByteBuffer in = ByteBuffer.allocate(RelayFrames.HEADER_BYTES + RelayFrames.MAX_PAYLOAD_BYTES);
    /** Frames waiting to be written, in write mode; guarded by itself. */
    private final ByteBuffer out = ByteBuffer.allocate(QUEUE_LIMIT_BYTES + RelayFrames.HEADER_BYTES + RelayFrames.MAX_PAYLOAD_BYTES);

    private volatile State state = State.DISCONNECTED;
    /** Set by other threads, acted on by the client's: connect to this relay / close the connection. */
    private volatile Endpoint connectTo;
    private volatile String disconnectWhy;
    private volatile boolean closed;
    // the client's thread only
    private volatile SocketChannel channel; // also read by the sending thread (under the out lock)
    private volatile SelectionKey key;
    private volatile Endpoint relay;
    private long connectStartedAt;
    private boolean carried;

    private final AtomicLong framesSent = new AtomicLong(), framesReceived = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong(), connections = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong(), bytesWritten = new AtomicLong();

    /**
     * Starts the client's thread (no connection yet).
     *
     * @param sink     where the relay's datagrams go
     * @param listener told about connections
     * @param clockMs  the wall clock, for the tick and the connect timeout
     * @param tick     called with the time every {@link #TICK_MS} or so, on the client's thread
     */
    public TcpRelayClient(DatagramSink sink, Listener listener, LongSupplier clockMs, LongConsumer tick) throws IOException {
        this.sink = sink;
        this.listener = listener;
        this.clockMs = clockMs;
        this.tick = tick;
        this.selector = Selector.open();
        this.thread = Thread.ofPlatform().daemon().name("tcp-relay-client").start(this::loop);
    }

    public State state() {
        return state;
    }

    /** The relay of the connection being made or made last (null before the first). */
    public Endpoint relay() {
        return relay;
    }

    /** Asks for a connection to this relay unless one exists or is being made. */
    public synchronized void connect(Endpoint to) {
        if (state != State.DISCONNECTED || closed) return;
        state = State.CONNECTING;
        synchronized (out) {
            out.clear();
            out.put(RelayFrames.hello()); // the first bytes on every connection
        }
        connectTo = to;
        selector.wakeup();
    }

    /** Closes the connection (if any) on the client's thread. */
    public void disconnect(String why) {
        if (state == State.DISCONNECTED) return;
        disconnectWhy = why;
        selector.wakeup();
    }

    /**
     * Queues one datagram for the relay to send to {@code addressBlock}'s address, while connecting or connected;
     * false if there is no connection or the queue is full (the datagram is dropped).
     *
     * @param addressBlock from {@link RelayFrames#addressBlock}
     */
    public boolean send(byte[] addressBlock, byte[] data, int off, int len) {
        State s = state;
        if (s == State.DISCONNECTED) return false;
        synchronized (out) {
            if (out.position() >= QUEUE_LIMIT_BYTES || len + addressBlock.length > RelayFrames.MAX_PAYLOAD_BYTES) {
                framesDropped.incrementAndGet();
                return false;
            }
            boolean wasEmpty = out.position() == 0;
            RelayFrames.writeData(out, addressBlock, data, off, len);
            framesSent.incrementAndGet();
            if (wasEmpty && s == State.CONNECTED) flushOrWaitForWritable();
        }
        return true;
    }

    /** Under the out lock: writes what the socket takes now; asks to be told when it takes more. */
    private void flushOrWaitForWritable() {
        SocketChannel c = channel;
        SelectionKey k = key;
        if (c == null || k == null || !k.isValid()) return;
        try {
            out.flip();
            bytesWritten.addAndGet(c.write(out));
            out.compact();
        } catch (IOException e) {
            out.clear();
            disconnect("write failed: " + e.getMessage());
            return;
        }
        int ops = out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        try {
            if (k.interestOps() != ops) {
                k.interestOps(ops);
                if (Thread.currentThread() != thread) selector.wakeup();
            }
        } catch (java.nio.channels.CancelledKeyException e) {
            // the client's thread closed the connection meanwhile
        }
    }

    private void loop() {
        long nextTickNs = System.nanoTime(); // paced by elapsed time, whatever the wall clock does
        while (!closed) {
            try {
                selector.select(TICK_MS);
            } catch (IOException | ClosedSelectorException e) {
                if (closed) return;
                continue;
            }
            String why = disconnectWhy;
            if (why != null) {
                disconnectWhy = null;
                end(why);
            }
            Endpoint target = connectTo;
            if (target != null) {
                connectTo = null;
                open(target);
            }
            for (SelectionKey k : selector.selectedKeys()) {
                if (k.isValid() && k.isConnectable()) finishConnect();
                if (k.isValid() && k.isReadable()) read();
                if (k.isValid() && k.isWritable()) {
                    synchronized (out) {
                        flushOrWaitForWritable();
                    }
                }
            }
            selector.selectedKeys().clear();
            long now = clockMs.getAsLong();
            if (state == State.CONNECTING && channel != null && now - connectStartedAt > CONNECT_TIMEOUT_MS) {
                end("no connection within " + CONNECT_TIMEOUT_MS / 1000 + " s");
            }
            if (System.nanoTime() - nextTickNs >= 0) {
                nextTickNs = System.nanoTime() + TICK_MS * 1_000_000;
                try {
                    tick.accept(now);
                } catch (RuntimeException e) {
                    // the owner's housekeeping must not stop the client
                }
            }
        }
        end("closed");
    }

    private void open(Endpoint target) {
        relay = target;
        carried = false;
        connectStartedAt = clockMs.getAsLong();
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            key = channel.register(selector, SelectionKey.OP_CONNECT);
            if (channel.connect(InetEndpoints.toSocketAddress(target))) finishConnect();
        } catch (IOException | RuntimeException e) {
            end("cannot connect: " + e.getMessage());
        }
    }

    private void finishConnect() {
        try {
            if (!channel.finishConnect()) return;
        } catch (IOException e) {
            end("cannot connect: " + e.getMessage());
            return;
        }
        connections.incrementAndGet();
        in.clear();
        synchronized (out) {
            state = State.CONNECTED;
            key.interestOps(SelectionKey.OP_READ);
            flushOrWaitForWritable();
        }
        listener.connected(relay);
    }

    private void read() {
        int n;
        try {
            n = channel.read(in);
        } catch (IOException e) {
            end("read failed: " + e.getMessage());
            return;
        }
        if (n < 0) {
            end("the relay closed the connection");
            return;
        }
        bytesRead.addAndGet(n);
        in.flip();
        while (true) {
            RelayFrameReader.Kind kind = reader.next(in);
            if (kind == RelayFrameReader.Kind.NEED_MORE) break;
            if (kind == RelayFrameReader.Kind.BAD) {
                end("not relay framing: " + reader.bad());
                return;
            }
            if (kind != RelayFrameReader.Kind.DATAGRAM) continue; // hello echo, no address, empty: ignored
            framesReceived.incrementAndGet();
            if (!carried) {
                carried = true;
                listener.carried(relay);
            }
            sink.receive(PhysicalTransport.ANY_SOCKET, reader.endpoint(), in.array(), reader.datagramOffset(),
                    reader.datagramLength());
        }
        in.compact();
    }

    /** On the client's thread: closes the channel (if any) and tells the listener. */
    private void end(String why) {
        SocketChannel c = channel;
        channel = null;
        key = null;
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
        boolean was = state != State.DISCONNECTED;
        connectTo = null; // a request not acted on yet ends with it
        synchronized (out) {
            state = State.DISCONNECTED;
            out.clear();
        }
        if (was && relay != null) listener.closed(relay, why);
    }

    /** Connections that came up. */
    public long connections() {
        return connections.get();
    }

    /** Datagrams queued for the relay. */
    public long framesSent() {
        return framesSent.get();
    }

    /** Datagrams received from the relay. */
    public long framesReceived() {
        return framesReceived.get();
    }

    /** Bytes read from relay connections (framing included). */
    public long bytesRead() {
        return bytesRead.get();
    }

    /** Bytes written to relay connections (framing and hello included). */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /** Datagrams dropped because the queue was full. */
    public long framesDropped() {
        return framesDropped.get();
    }

    /** Closes the connection and stops the thread. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
