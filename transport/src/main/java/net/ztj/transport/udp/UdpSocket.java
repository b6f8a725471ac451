package net.ztj.transport.udp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static net.ztj.linux.Libc.AF_INET;
import static net.ztj.linux.Libc.AF_INET6;
import static net.ztj.transport.udp.SocketCalls.MMSG_SIZE;
import static net.ztj.transport.udp.SocketCalls.SOCKADDR_SIZE;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.concurrent.locks.ReentrantLock;
import net.ztj.core.wire.Endpoint;
import net.ztj.linux.Errno;
import net.ztj.linux.Libc;
import net.ztj.linux.Poll;

/**
 * One bound UDP socket, opened through FFM, and the thread that receives on it. Receiving takes up to
 * {@link #RECEIVE_BATCH} datagrams per system call (recvmmsg) and hands them to the sink together. Sending may come
 * from any thread; with {@linkplain #setBatching batching} on, datagrams wait in native memory until {@link #flush}
 * (or until the batch is full) and leave with one sendmmsg, otherwise each leaves at once. Where the kernel has the
 * UDP segmentation offloads ({@link UdpOffload}), a queued run of datagrams to one destination, all of one size but
 * the last, leaves as one segmented entry of that sendmmsg (UDP_SEGMENT), and buffers the kernel merged on receive
 * (UDP_GRO) are split back into their datagrams before the sink sees them.
 *
 * <p>The socket options are those of spec 05 §9.2: 1 MiB buffers (stepping down 4 KiB at a time to 64 KiB where
 * refused), broadcast allowed, no address reuse, path-MTU discovery off so the DF bit is never set; an IPv6 socket
 * is dual-stack (IPV6_V6ONLY off), so one socket per port reaches IPv4 peers too (see {@link UdpTransport}). A
 * datagram may have its own TTL ({@link #sendWithTtl}). Not reproduced: disabled IPv4 UDP checksums (SO_NO_CHECK,
 * invisible to peers).
 *
 * <p>Threads and life cycle: the receive thread alone calls recvmmsg and owns the receive memory; senders take
 * {@link #sendLock}. {@link #close} wakes the receive thread (and a sender waiting for buffer space) through an
 * eventfd; the receive thread, on its way out, closes the descriptors and frees the native memory under the send
 * lock, after which sends return false.
 */
public final class UdpSocket implements AutoCloseable {
    /** Datagrams taken per receive call. */
    public static final int RECEIVE_BATCH = 32;
    /**
     * Room per received datagram. A ZeroTier packet is at most 7 fragments of 1432 bytes, and no fragment is larger
     * than a physical MTU; a longer datagram is truncated by the kernel and dropped here (counted).
     */
    static final int RECEIVE_SLOT = 16 * 1024;
    /**
     * Receive buffers taken per call and their room when the kernel merges datagrams (UDP_GRO): a merged buffer holds
     * up to 64 KiB, so fewer and larger slots (the same native memory as without).
     */
    static final int MERGED_RECEIVE_BATCH = 8, MERGED_RECEIVE_SLOT = 64 * 1024;
    /** Datagrams one receive call may yield when merged ones are split (each holds at least one byte). */
    static final int MERGED_RECEIVE_DATAGRAMS = 512;
    /**
     * System properties that turn the offloads off ({@code -Dztj.udpGso=false}, {@code -Dztj.udpGro=false}), for
     * side-by-side measurements; on by default where the kernel has them.
     */
    static final String GSO_PROPERTY = "ztj.udpGso", GRO_PROPERTY = "ztj.udpGro";
    /** Datagrams and bytes held for one sendmmsg. */
    static final int SEND_BATCH = 64, SEND_BYTES = 256 * 1024;
    /** Largest datagram sent (the UDP payload limit over IPv4). */
    static final int MAX_DATAGRAM = 65507;
    static final int BUFFER_BYTES = 1024 * 1024, BUFFER_MIN_BYTES = 64 * 1024, BUFFER_STEP_BYTES = 4 * 1024;
    private static final long NAME_STRIDE = 32;

    private final long id;
    private final InetSocketAddress localAddress;
    private final boolean ipv6;
    private final boolean reachesIpv4, reachesIpv6;
    private final int fd, wakeFd;
    private final Arena arena;
    private final Thread receiver;

    // the receive thread's
    private final boolean merging;
    private final int receiveBatch, receiveSlot;
    private final MemorySegment rxMessages, rxNames, rxData, rxErrno, rxPoll, rxControl;
    private final ReceivedDatagrams received;
    private final MemorySegment lastSenderName;
    private int lastSenderNameLength = -1;
    private Endpoint lastSender;

    // the senders', guarded by sendLock
    private final ReentrantLock sendLock = new ReentrantLock();
    private final MemorySegment txMessages, txIovecs, txNames, txData, txErrno, txPoll, wakeValue, txOption, txControl;
    private int queued, queuedBytes;
    /**
     * Whether datagrams may be queued: written under the send lock, read without it by {@link #flush}, so a thread
     * that finds nothing to send does not wait for another thread's sendmmsg (which then carries what it queued).
     */
    private volatile boolean queuedAny;
    private boolean batching, released;
    /** Whether runs of datagrams to one destination leave as one segmented send (UDP_SEGMENT). */
    private boolean segmenting;
    /** Per queued message: where its bytes start, how many, its datagrams, their size and the last one's length. */
    private final int[] messageOffset = new int[SEND_BATCH], messageBytes = new int[SEND_BATCH],
            messageSegments = new int[SEND_BATCH], messageSegmentSize = new int[SEND_BATCH],
            messageLastLength = new int[SEND_BATCH];
    private Endpoint lastDestination;
    private final MemorySegment lastDestinationName;
    private int lastDestinationNameLength;

    private volatile boolean closing;
    /** Guards the wake-up write against the release of the eventfd (a sender may hold the send lock in poll). */
    private final Object lifecycle = new Object();
    private volatile long truncatedDatagrams, refusedDatagrams;
    private volatile long segmentedDatagrams, segmentFallbacks, mergedDatagrams;

    private UdpSocket(long id, InetSocketAddress localAddress, int fd, int wakeFd, Arena arena, DatagramSink sink,
            boolean segmenting, boolean merging) {
        this.id = id;
        this.localAddress = localAddress;
        this.ipv6 = localAddress.getAddress() instanceof Inet6Address;
        this.reachesIpv6 = ipv6;
        // an IPv6 socket bound to the wildcard is dual-stack, so it also reaches IPv4 peers
        this.reachesIpv4 = !ipv6 || localAddress.getAddress().isAnyLocalAddress();
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.arena = arena;

        this.segmenting = segmenting;
        this.merging = merging;
        receiveBatch = merging ? MERGED_RECEIVE_BATCH : RECEIVE_BATCH;
        receiveSlot = merging ? MERGED_RECEIVE_SLOT : RECEIVE_SLOT;
        received = new ReceivedDatagrams(RECEIVE_BATCH * RECEIVE_SLOT, merging ? MERGED_RECEIVE_DATAGRAMS : RECEIVE_BATCH);
        rxMessages = arena.allocate(receiveBatch * MMSG_SIZE, 8);
        MemorySegment rxIovecs = arena.allocate(receiveBatch * SocketCalls.IOVEC_SIZE, 8);
        rxNames = arena.allocate(receiveBatch * NAME_STRIDE, 8);
        rxData = arena.allocate((long) receiveBatch * receiveSlot, 16);
        rxControl = arena.allocate(receiveBatch * UdpOffload.SPACE, 8);
        rxErrno = Libc.newErrnoState(arena);
        rxPoll = arena.allocate(Poll.PAIR_SIZE, 8);
        lastSenderName = arena.allocate(NAME_STRIDE, 8);
        for (int i = 0; i < receiveBatch; i++) {
            rxIovecs.set(ADDRESS, i * SocketCalls.IOVEC_SIZE, rxData.asSlice((long) i * receiveSlot, receiveSlot));
            rxIovecs.set(JAVA_LONG, i * SocketCalls.IOVEC_SIZE + 8, receiveSlot);
            long m = i * MMSG_SIZE;
            rxMessages.set(ADDRESS, m + SocketCalls.MSG_NAME, rxNames.asSlice(i * NAME_STRIDE, NAME_STRIDE));
            rxMessages.set(ADDRESS, m + SocketCalls.MSG_IOV, rxIovecs.asSlice(i * SocketCalls.IOVEC_SIZE, SocketCalls.IOVEC_SIZE));
            rxMessages.set(JAVA_LONG, m + SocketCalls.MSG_IOVLEN, 1);
            if (merging) {
                rxMessages.set(ADDRESS, m + SocketCalls.MSG_CONTROL, rxControl.asSlice(i * UdpOffload.SPACE, UdpOffload.SPACE));
            }
        }

        txMessages = arena.allocate(SEND_BATCH * MMSG_SIZE, 8);
        txIovecs = arena.allocate(SEND_BATCH * SocketCalls.IOVEC_SIZE, 8);
        txNames = arena.allocate(SEND_BATCH * NAME_STRIDE, 8);
        txData = arena.allocate(SEND_BYTES, 16);
        txControl = arena.allocate(SEND_BATCH * UdpOffload.SPACE, 8);
        txErrno = Libc.newErrnoState(arena);
        txPoll = arena.allocate(Poll.PAIR_SIZE, 8);
        wakeValue = arena.allocate(JAVA_LONG);
        txOption = arena.allocate(JAVA_INT);
        lastDestinationName = arena.allocate(NAME_STRIDE, 8);
        for (int i = 0; i < SEND_BATCH; i++) {
            long m = i * MMSG_SIZE;
            txMessages.set(ADDRESS, m + SocketCalls.MSG_NAME, txNames.asSlice(i * NAME_STRIDE, NAME_STRIDE));
            txMessages.set(ADDRESS, m + SocketCalls.MSG_IOV, txIovecs.asSlice(i * SocketCalls.IOVEC_SIZE, SocketCalls.IOVEC_SIZE));
            txMessages.set(JAVA_LONG, m + SocketCalls.MSG_IOVLEN, 1);
        }
        this.receiver = Thread.ofPlatform().daemon().name("udp-receive-" + localAddress.getPort() + "-" + id)
                .unstarted(() -> receiveLoop(sink));
    }

    /**
     * Binds a socket and starts receiving.
     *
     * @param local the address to bind: a wildcard ({@code 0.0.0.0} or {@code ::}) or one local address
     * @throws BindException if the port is in use or the address not local
     * @throws IOException if the socket cannot be made
     * @throws UnsupportedOperationException if the host lacks the address family
     */
    static UdpSocket bind(long id, InetSocketAddress local, DatagramSink sink) throws IOException {
        boolean v6 = local.getAddress() instanceof Inet6Address;
        Arena arena = Arena.ofShared();
        int fd = -1, wakeFd = -1;
        try {
            MemorySegment errno = Libc.newErrnoState(arena);
            fd = Libc.socket(errno, v6 ? AF_INET6 : AF_INET,
                    Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                if (Libc.errno(errno) == Errno.EAFNOSUPPORT) {
                    throw new UnsupportedOperationException("no " + (v6 ? "IPv6" : "IPv4") + " on this host");
                }
                throw new IOException("could not open a UDP socket: errno " + Libc.errno(errno));
            }
            applyOptions(arena, errno, fd, v6);
            MemorySegment name = arena.allocate(NAME_STRIDE, 8);
            int nameLength = writeName(name, local.getAddress().getAddress(), local.getPort(), v6);
            if (Libc.bind(errno, fd, name, nameLength) < 0) {
                int e = Libc.errno(errno);
                if (e == Errno.EADDRINUSE) throw new BindException("Address already in use: " + local);
                if (e == Errno.EADDRNOTAVAIL) throw new BindException("Cannot assign requested address: " + local);
                throw new IOException("could not bind " + local + ": errno " + e);
            }
            int port = local.getPort();
            if (port == 0) { // the kernel chose it
                MemorySegment length = arena.allocate(JAVA_INT);
                length.set(JAVA_INT, 0, (int) NAME_STRIDE);
                if (SocketCalls.getsockname(errno, fd, name, length) < 0) {
                    throw new IOException("could not read the bound address: errno " + Libc.errno(errno));
                }
                port = Short.toUnsignedInt(name.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2));
            }
            wakeFd = Poll.newWakeFd(errno);
            if (wakeFd < 0) throw new IOException("could not create an eventfd: errno " + Libc.errno(errno));
            MemorySegment value = arena.allocate(JAVA_INT);
            // UDP_SEGMENT 0 changes nothing (the size comes with each send); it only tells whether the kernel has it
            boolean segmenting = !"false".equals(System.getProperty(GSO_PROPERTY))
                    && setInt(errno, fd, UdpOffload.SOL_UDP, UdpOffload.UDP_SEGMENT, 0, value);
            boolean merging = !"false".equals(System.getProperty(GRO_PROPERTY))
                    && setInt(errno, fd, UdpOffload.SOL_UDP, UdpOffload.UDP_GRO, 1, value);
            UdpSocket socket = new UdpSocket(id, new InetSocketAddress(local.getAddress(), port), fd, wakeFd, arena, sink,
                    segmenting, merging);
            socket.receiver.start();
            return socket;
        } catch (IOException | RuntimeException | Error e) {
            MemorySegment errno = Libc.newErrnoState(arena);
            Libc.closeQuietly(wakeFd);
            Libc.closeQuietly(fd);
            arena.close();
            throw e;
        }
    }

    static void applyOptions(Arena arena, MemorySegment errno, int fd, boolean v6) {
        MemorySegment value = arena.allocate(JAVA_INT);
        if (v6) setInt(errno, fd, SocketCalls.IPPROTO_IPV6, SocketCalls.IPV6_V6ONLY, 0, value);
        for (int opt : new int[] {SocketCalls.SO_RCVBUF, SocketCalls.SO_SNDBUF}) {
            for (int size = BUFFER_BYTES; size >= BUFFER_MIN_BYTES; size -= BUFFER_STEP_BYTES) {
                if (setInt(errno, fd, SocketCalls.SOL_SOCKET, opt, size, value)) break;
            }
        }
        setInt(errno, fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_REUSEADDR, 0, value);
        setInt(errno, fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_BROADCAST, 1, value);
        // IPv4 traffic of a dual-stack socket follows the IPv4 option, so an IPv6 socket sets both
        setInt(errno, fd, SocketCalls.IPPROTO_IP, SocketCalls.IP_MTU_DISCOVER, SocketCalls.PMTUDISC_DONT, value);
        if (v6) setInt(errno, fd, SocketCalls.IPPROTO_IPV6, SocketCalls.IPV6_MTU_DISCOVER, SocketCalls.PMTUDISC_DONT, value);
    }

    static boolean setInt(MemorySegment errno, int fd, int level, int option, int v, MemorySegment value) {
        value.set(JAVA_INT, 0, v);
        return SocketCalls.setsockopt(errno, fd, level, option, value) == 0;
    }

    /**
     * Writes a struct sockaddr_in (IPv4 socket) or sockaddr_in6 (IPv6 socket; an IPv4 address as ::ffff:a.b.c.d)
     * and returns its length.
     */
    static int writeName(MemorySegment name, byte[] ip, int port, boolean v6Socket) {
        name.fill((byte) 0);
        name.set(JAVA_SHORT, 0, (short) (v6Socket ? AF_INET6 : AF_INET));
        name.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) port);
        if (!v6Socket) {
            MemorySegment.copy(ip, 0, name, JAVA_BYTE, 4, 4);
            return 16;
        }
        if (ip.length == 4) {
            name.set(JAVA_BYTE, 8 + 10, (byte) 0xff);
            name.set(JAVA_BYTE, 8 + 11, (byte) 0xff);
            MemorySegment.copy(ip, 0, name, JAVA_BYTE, 8 + 12, 4);
        } else {
            MemorySegment.copy(ip, 0, name, JAVA_BYTE, 8, 16);
        }
        return SOCKADDR_SIZE;
    }

    /** The endpoint of a received struct sockaddr; IPv4-mapped IPv6 addresses become IPv4. Null if neither family. */
    static Endpoint readName(MemorySegment name) {
        int family = name.get(JAVA_SHORT, 0);
        int port = Short.toUnsignedInt(name.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2));
        if (family == AF_INET) {
            return Endpoint.of(name.asSlice(4, 4).toArray(JAVA_BYTE), port);
        }
        if (family != AF_INET6) return null;
        byte[] ip = name.asSlice(8, 16).toArray(JAVA_BYTE);
        return InetEndpoints.toEndpoint(new InetSocketAddress(InetEndpoints.toInetAddress(ip), port));
    }

    /** The opaque id the node knows this socket by. */
    public long id() {
        return id;
    }

    /** The bound address and port. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public int port() {
        return localAddress.getPort();
    }

    /** Whether a datagram to this endpoint can leave through this socket. */
    public boolean reaches(Endpoint to) {
        return to.isV4() ? reachesIpv4 : reachesIpv6;
    }

    /** Received datagrams dropped because they were longer than a receive slot. */
    public long truncatedDatagrams() {
        return truncatedDatagrams;
    }

    /** Datagrams the kernel refused (unreachable network, no route), counted when batched. */
    public long refusedDatagrams() {
        return refusedDatagrams;
    }

    /** Datagrams that left as parts of segmented sends (UDP_SEGMENT). */
    public long segmentedDatagrams() {
        return segmentedDatagrams;
    }

    /** Segmented sends the kernel refused, whose datagrams then left one by one; segmenting stops after the first. */
    public long segmentFallbacks() {
        return segmentFallbacks;
    }

    /** Received datagrams that the kernel had merged with others into one buffer (UDP_GRO), split here. */
    public long mergedDatagrams() {
        return mergedDatagrams;
    }

    /** Whether this socket asks the kernel to merge received datagrams (UDP_GRO). */
    boolean merging() {
        return merging;
    }

    /** The room for one received buffer: larger datagrams are truncated and dropped. */
    int receiveSlot() {
        return receiveSlot;
    }

    /** Holds datagrams until {@link #flush} (on) or sends each at once (off, the default). */
    void setBatching(boolean on) {
        sendLock.lock();
        try {
            if (!on && queued > 0) flushLocked();
            batching = on;
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Sends one datagram, or queues it when batching; false if the socket refused it (closed, too long, or, when sent
     * at once, an unreachable network).
     */
    boolean send(Endpoint to, byte[] data, int off, int len) {
        if (len > MAX_DATAGRAM || len < 0) return false;
        sendLock.lock();
        try {
            if (released || closing) return false;
            if (joinLast(to, data, off, len)) return true;
            if (queued == SEND_BATCH || queuedBytes + len > SEND_BYTES) flushLocked();
            long m = queued * MMSG_SIZE;
            MemorySegment name = txNames.asSlice(queued * NAME_STRIDE, NAME_STRIDE);
            if (!to.equals(lastDestination)) {
                lastDestinationNameLength = writeName(lastDestinationName, to.ip(), to.port(), ipv6);
                lastDestination = to;
            }
            MemorySegment.copy(lastDestinationName, 0, name, 0, lastDestinationNameLength);
            txMessages.set(JAVA_INT, m + SocketCalls.MSG_NAMELEN, lastDestinationNameLength);
            MemorySegment.copy(data, off, txData, JAVA_BYTE, queuedBytes, len);
            long iov = queued * SocketCalls.IOVEC_SIZE;
            txIovecs.set(ADDRESS, iov, txData.asSlice(queuedBytes, len));
            txIovecs.set(JAVA_LONG, iov + 8, len);
            txMessages.set(ADDRESS, m + SocketCalls.MSG_CONTROL, MemorySegment.NULL);
            txMessages.set(JAVA_LONG, m + SocketCalls.MSG_CONTROLLEN, 0);
            messageOffset[queued] = queuedBytes;
            messageBytes[queued] = len;
            messageSegments[queued] = 1;
            messageSegmentSize[queued] = len;
            messageLastLength[queued] = len;
            queued++;
            queuedBytes += len;
            if (!batching) return flushLocked();
            if (!queuedAny) queuedAny = true;
            return true;
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Under the send lock: appends the datagram to the last queued message when it continues a run to the same
     * destination that one segmented send can carry ({@link UdpOffload#joins}); false if it cannot (then it gets a
     * message of its own). Only while batching: the last message is still queued then.
     */
    private boolean joinLast(Endpoint to, byte[] data, int off, int len) {
        int q = queued - 1;
        if (!segmenting || q < 0 || queuedBytes + len > SEND_BYTES || !to.equals(lastDestination)
                || !UdpOffload.joins(messageSegments[q], messageSegmentSize[q], messageBytes[q], messageLastLength[q], len)) {
            return false;
        }
        MemorySegment.copy(data, off, txData, JAVA_BYTE, queuedBytes, len);
        queuedBytes += len;
        messageBytes[q] += len;
        messageLastLength[q] = len;
        txIovecs.set(JAVA_LONG, q * SocketCalls.IOVEC_SIZE + 8, messageBytes[q]);
        if (++messageSegments[q] == 2) {
            long at = q * UdpOffload.SPACE;
            UdpOffload.writeSegmentSize(txControl, at, messageSegmentSize[q]);
            long m = q * MMSG_SIZE;
            txMessages.set(ADDRESS, m + SocketCalls.MSG_CONTROL, txControl.asSlice(at, UdpOffload.SPACE));
            txMessages.set(JAVA_LONG, m + SocketCalls.MSG_CONTROLLEN, UdpOffload.SPACE);
            segmentedDatagrams++;
        }
        segmentedDatagrams++;
        return true;
    }

    /**
     * Sends one datagram at once with its own IP TTL (IPv6: hop limit), as ZeroTier One does for the low-TTL opener
     * of hole punching: what batching held leaves first, then the option is set, the datagram sent and the option
     * put back to the route's default. The option of the IPv4 level also governs the IPv4 traffic of a dual-stack
     * socket. False if the socket refused it.
     */
    boolean sendWithTtl(Endpoint to, byte[] data, int off, int len, int ttl) {
        if (ttl <= 0 || ttl > 255) return send(to, data, off, len);
        sendLock.lock();
        try {
            if (released || closing) return false;
            if (queued > 0) flushLocked();
            boolean v6 = to.isV6();
            int level = v6 ? SocketCalls.IPPROTO_IPV6 : SocketCalls.IPPROTO_IP;
            int option = v6 ? SocketCalls.IPV6_UNICAST_HOPS : SocketCalls.IP_TTL;
            setInt(txErrno, fd, level, option, ttl, txOption);
            boolean wasBatching = batching;
            batching = false;
            try {
                return send(to, data, off, len);
            } finally {
                batching = wasBatching;
                setInt(txErrno, fd, level, option, -1, txOption);
            }
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Sends what batching held (one sendmmsg, more if the kernel takes part of it). Any thread, also while another
     * queues: what this thread queued before is sent by the time it returns (by it, or by the thread whose flush
     * took it).
     */
    void flush() {
        if (!queuedAny) return;
        sendLock.lock();
        try {
            if (queued > 0 && !released) flushLocked();
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Sends the queued datagrams; waits while the socket buffer is full (as a blocking socket would), skips a
     * datagram the kernel refuses. True if all were sent.
     */
    private boolean flushLocked() {
        boolean all = true;
        int sent = 0;
        while (sent < queued) {
            int n = SocketCalls.sendmmsg(txErrno, fd, txMessages.asSlice(sent * MMSG_SIZE), queued - sent);
            if (n > 0) {
                sent += n;
                continue;
            }
            int e = Libc.errno(txErrno);
            if (e == Errno.EINTR) continue;
            if (e == Errno.EAGAIN && awaitWritable()) continue;
            if (e == Errno.EAGAIN) { // closing
                all = false;
                break;
            }
            if (messageSegments[sent] > 1) {
                // e.g. EIO from a device without checksum offload: these datagrams one by one, and no more segmenting
                segmenting = false;
                segmentFallbacks++;
                all &= sendSegmentsOneByOne(sent);
            } else {
                all = false;
                refusedDatagrams++;
            }
            sent++;
        }
        queued = 0;
        queuedBytes = 0;
        queuedAny = false;
        return all;
    }

    /** Under the send lock: sends the datagrams of queued message {@code i} each with its own sendto. */
    private boolean sendSegmentsOneByOne(int i) {
        MemorySegment name = txNames.asSlice(i * NAME_STRIDE, NAME_STRIDE);
        int nameLength = txMessages.get(JAVA_INT, i * MMSG_SIZE + SocketCalls.MSG_NAMELEN);
        int size = messageSegmentSize[i], end = messageOffset[i] + messageBytes[i];
        boolean all = true;
        for (int at = messageOffset[i]; at < end; ) {
            int len = Math.min(size, end - at);
            long n = Libc.sendto(txErrno, fd, txData.asSlice(at, len), len, 0, name, nameLength);
            if (n < 0) {
                int e = Libc.errno(txErrno);
                if (e == Errno.EINTR) continue;
                if (e == Errno.EAGAIN) {
                    if (awaitWritable()) continue;
                    return false;
                }
                refusedDatagrams++;
                all = false;
            }
            at += len;
        }
        return all;
    }

    /** Under the send lock: waits until the socket takes more, or close; false when closing. */
    private boolean awaitWritable() {
        return await(txPoll, txErrno, Libc.POLLOUT);
    }

    /** Polls the socket for {@code events} beside the wake-up eventfd; false once woken by close. */
    private boolean await(MemorySegment fds, MemorySegment errno, short events) {
        int r = Poll.awaitOrWake(errno, fds, fd, events, wakeFd);
        if (closing) return false;
        return r >= 0 || Libc.errno(errno) == Errno.EINTR;
    }

    private void receiveLoop(DatagramSink sink) {
        try {
            while (!closing) {
                for (int i = 0; i < receiveBatch; i++) {
                    rxMessages.set(JAVA_INT, i * MMSG_SIZE + SocketCalls.MSG_NAMELEN, (int) NAME_STRIDE);
                    if (merging) rxMessages.set(JAVA_LONG, i * MMSG_SIZE + SocketCalls.MSG_CONTROLLEN, UdpOffload.SPACE);
                }
                int n = SocketCalls.recvmmsg(rxErrno, fd, rxMessages, receiveBatch);
                if (n > 0) {
                    deliver(n, sink);
                    continue;
                }
                int e = n < 0 ? Libc.errno(rxErrno) : Errno.EAGAIN;
                if (e == Errno.EINTR) continue;
                if (e != Errno.EAGAIN) continue; // e.g. an ICMP error reported on the socket: keep receiving
                if (!await(rxPoll, rxErrno, Libc.POLLIN)) return;
            }
        } finally {
            release();
        }
    }

    private void deliver(int n, DatagramSink sink) {
        received.clear();
        byte[] data = received.data();
        for (int i = 0; i < n; i++) {
            long m = i * MMSG_SIZE;
            int length = rxMessages.get(JAVA_INT, m + SocketCalls.MSG_LEN);
            if ((rxMessages.get(JAVA_INT, m + SocketCalls.MSG_FLAGS) & SocketCalls.MSG_TRUNC) != 0) {
                truncatedDatagrams++;
                continue;
            }
            Endpoint from = sender(i, rxMessages.get(JAVA_INT, m + SocketCalls.MSG_NAMELEN));
            if (from == null) continue;
            int size = merging ? UdpOffload.mergedSegmentSize(rxControl.asSlice(i * UdpOffload.SPACE, UdpOffload.SPACE),
                    rxMessages.get(JAVA_LONG, m + SocketCalls.MSG_CONTROLLEN)) : 0;
            int segments = UdpOffload.segments(length, size);
            if (!received.fits(length, segments)) {
                if (received.count() > 0) sink.receive(id, received);
                received.clear();
                if (!received.fits(length, segments)) { // more datagrams than any kernel merges: not ours to split
                    truncatedDatagrams++;
                    continue;
                }
            }
            // a merged buffer holds its datagrams back to back: one copy, then one entry per datagram
            MemorySegment.copy(rxData, JAVA_BYTE, (long) i * receiveSlot, data, received.nextOffset(), length);
            if (segments == 1) {
                received.commit(length, from);
                continue;
            }
            for (int at = 0; at < length; at += size) received.commit(Math.min(size, length - at), from);
            mergedDatagrams += segments;
        }
        if (received.count() > 0) sink.receive(id, received);
    }

    /** The sender of message {@code i}; the last one's endpoint is reused while the sender stays the same. */
    private Endpoint sender(int i, int nameLength) {
        long at = i * NAME_STRIDE;
        if (nameLength == lastSenderNameLength
                && MemorySegment.mismatch(rxNames, at, at + nameLength, lastSenderName, 0, nameLength) < 0) {
            return lastSender;
        }
        if (nameLength > NAME_STRIDE) return null;
        Endpoint from = readName(rxNames.asSlice(at, NAME_STRIDE));
        MemorySegment.copy(rxNames, at, lastSenderName, 0, nameLength);
        lastSenderNameLength = nameLength;
        lastSender = from;
        return from;
    }

    /** The receive thread's last act: closes the descriptors and frees the native memory. */
    private void release() {
        closing = true;
        sendLock.lock();
        try {
            synchronized (lifecycle) {
                released = true;
                Libc.closeQuietly(fd);
                Libc.closeQuietly(wakeFd);
            }
        } finally {
            sendLock.unlock();
        }
        arena.close();
    }

    /** Closes the socket and waits (briefly) for its receive thread to end. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (!released && !closing) {
                closing = true;
                try (Arena call = Arena.ofConfined()) {
                    Poll.wake(Libc.newErrnoState(call), wakeFd, wakeValue);
                }
            }
        }
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "udp socket " + id + " on " + localAddress;
    }
}
