package net.ztj.transport.udp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.ztj.core.wire.Endpoint;
import net.ztj.linux.Libc;
import net.ztj.linux.Poll;

/**
 * The extra sockets of NAT traversal's birthday probing (up to a few hundred at a time, each on an ephemeral port),
 * made light: one thread polls all of them, they share one receive buffer, and each costs a descriptor and a few
 * bytes. Opened, used and closed through {@link UdpTransport}; the node asks for them while a punch attempt runs and
 * keeps the one a path ends up on.
 *
 * <p>Threads: {@link #open}, {@link #send} and {@link #close(long)} come from the node's thread (sends and closes
 * under {@link #lock}); the poll thread receives and hands datagrams to the sink. Closing a socket removes it under
 * the lock, wakes the poll thread, which rebuilds its descriptor set and closes the removed descriptors.
 */
final class ProbeSockets implements AutoCloseable {
    /** At most this many open at once. */
    static final int MAX_SOCKETS = 512;
    private static final int SLOT = UdpSocket.RECEIVE_SLOT;
    private static final long NAME_STRIDE = 32;

    private final DatagramSink sink;
    private final Arena arena = Arena.ofShared();
    private final Object lock = new Object();
    private final Map<Long, Integer> fds = new LinkedHashMap<>();
    private final List<Integer> closing = new ArrayList<>();
    private final MemorySegment txErrno, txName, txMessage, txIovec, txData, txOption, wakeValue;
    private final int wakeFd;
    private final boolean v6;
    private volatile boolean stopped;
    private Thread poller;

    ProbeSockets(DatagramSink sink, boolean v6) {
        this.sink = sink;
        this.v6 = v6;
        txErrno = Libc.newErrnoState(arena);
        txName = arena.allocate(NAME_STRIDE, 8);
        txMessage = arena.allocate(SocketCalls.MMSG_SIZE, 8);
        txIovec = arena.allocate(SocketCalls.IOVEC_SIZE, 8);
        txData = arena.allocate(UdpSocket.MAX_DATAGRAM, 16);
        txOption = arena.allocate(JAVA_INT);
        wakeValue = arena.allocate(JAVA_LONG);
        txMessage.set(ADDRESS, SocketCalls.MSG_NAME, txName);
        txMessage.set(ADDRESS, SocketCalls.MSG_IOV, txIovec);
        txMessage.set(JAVA_LONG, SocketCalls.MSG_IOVLEN, 1);
        wakeFd = Poll.newWakeFd(txErrno);
    }

    /** Opens a socket on an ephemeral port of the wildcard address; false when none can be opened. */
    boolean open(long id) {
        synchronized (lock) {
            if (stopped || wakeFd < 0 || fds.size() >= MAX_SOCKETS) return false;
            int fd = Libc.socket(txErrno, v6 ? Libc.AF_INET6 : Libc.AF_INET,
                    Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
            if (fd < 0) return false;
            UdpSocket.applyOptions(arena, txErrno, fd, v6);
            int length = UdpSocket.writeName(txName, new byte[v6 ? 16 : 4], 0, v6);
            if (Libc.bind(txErrno, fd, txName, length) < 0) {
                Libc.closeQuietly(fd);
                return false;
            }
            fds.put(id, fd);
            if (poller == null) {
                poller = Thread.ofPlatform().daemon().name("udp-probe-sockets").unstarted(this::pollLoop);
                poller.start();
            }
            wake();
            return true;
        }
    }

    boolean owns(long id) {
        synchronized (lock) {
            return fds.containsKey(id);
        }
    }

    int count() {
        synchronized (lock) {
            return fds.size();
        }
    }

    /** Sends one datagram from the socket, with its own TTL when {@code ttl} is 1 to 255. */
    boolean send(long id, Endpoint to, byte[] data, int off, int len, int ttl) {
        if (len < 0 || len > UdpSocket.MAX_DATAGRAM || (!v6 && to.isV6())) return false;
        synchronized (lock) {
            Integer fd = fds.get(id);
            if (fd == null) return false;
            int nameLength = UdpSocket.writeName(txName, to.ip(), to.port(), v6);
            txMessage.set(JAVA_INT, SocketCalls.MSG_NAMELEN, nameLength);
            MemorySegment.copy(data, off, txData, JAVA_BYTE, 0, len);
            txIovec.set(ADDRESS, 0, txData.asSlice(0, len));
            txIovec.set(JAVA_LONG, 8, len);
            boolean lowTtl = ttl > 0 && ttl <= 255;
            int level = to.isV6() ? SocketCalls.IPPROTO_IPV6 : SocketCalls.IPPROTO_IP;
            int option = to.isV6() ? SocketCalls.IPV6_UNICAST_HOPS : SocketCalls.IP_TTL;
            if (lowTtl) UdpSocket.setInt(txErrno, fd, level, option, ttl, txOption);
            int n = SocketCalls.sendmmsg(txErrno, fd, txMessage, 1);
            if (lowTtl) UdpSocket.setInt(txErrno, fd, level, option, -1, txOption);
            return n == 1;
        }
    }

    /** Closes one socket; its descriptor is released by the poll thread. */
    void close(long id) {
        synchronized (lock) {
            Integer fd = fds.remove(id);
            if (fd == null) return;
            if (poller == null) Libc.closeQuietly(fd);
            else closing.add(fd);
            wake();
        }
    }

    private void wake() {
        if (poller == null) return;
        Poll.wake(txErrno, wakeFd, wakeValue);
    }

    private void pollLoop() {
        try (Arena local = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoState(local);
            MemorySegment pollFds = local.allocate((MAX_SOCKETS + 1) * Libc.POLLFD_SIZE, 8);
            MemorySegment drain = local.allocate(JAVA_LONG);
            MemorySegment message = local.allocate(SocketCalls.MMSG_SIZE, 8);
            MemorySegment iovec = local.allocate(SocketCalls.IOVEC_SIZE, 8);
            MemorySegment name = local.allocate(NAME_STRIDE, 8);
            MemorySegment data = local.allocate(SLOT, 16);
            byte[] buffer = new byte[SLOT];
            iovec.set(ADDRESS, 0, data);
            iovec.set(JAVA_LONG, 8, SLOT);
            message.set(ADDRESS, SocketCalls.MSG_NAME, name);
            message.set(ADDRESS, SocketCalls.MSG_IOV, iovec);
            message.set(JAVA_LONG, SocketCalls.MSG_IOVLEN, 1);
            long[] ids = new long[MAX_SOCKETS];
            int[] sockets = new int[MAX_SOCKETS];
            while (!stopped) {
                int n = 0;
                synchronized (lock) {
                    for (int fd : closing) Libc.closeQuietly(fd);
                    closing.clear();
                    for (Map.Entry<Long, Integer> e : fds.entrySet()) {
                        ids[n] = e.getKey();
                        sockets[n++] = e.getValue();
                    }
                }
                for (int i = 0; i < n; i++) Poll.set(pollFds, i, sockets[i], Libc.POLLIN);
                Poll.set(pollFds, n, wakeFd, Libc.POLLIN);
                int r = Libc.poll(errno, pollFds, n + 1, -1);
                if (r < 0) continue;
                if (Poll.revents(pollFds, n) != 0) {
                    Libc.read(errno, wakeFd, drain, Long.BYTES);
                }
                for (int i = 0; i < n; i++) {
                    if (Poll.revents(pollFds, i) == 0) continue;
                    receive(ids[i], sockets[i], errno, message, name, data, buffer);
                }
            }
        } finally {
            synchronized (lock) {
                for (int fd : closing) Libc.closeQuietly(fd);
                for (int fd : fds.values()) Libc.closeQuietly(fd);
                closing.clear();
                fds.clear();
            }
        }
    }

    /** Takes what the socket has (a few datagrams at most per wake-up, so no socket starves the others). */
    private void receive(long id, int fd, MemorySegment errno, MemorySegment message, MemorySegment name,
                         MemorySegment data, byte[] buffer) {
        for (int k = 0; k < 8; k++) {
            synchronized (lock) {
                if (!fds.containsKey(id)) return; // closed meanwhile: its descriptor waits in closing
            }
            message.set(JAVA_INT, SocketCalls.MSG_NAMELEN, (int) NAME_STRIDE);
            int got = SocketCalls.recvmmsg(errno, fd, message, 1);
            if (got != 1) return;
            int length = message.get(JAVA_INT, SocketCalls.MSG_LEN);
            if ((message.get(JAVA_INT, SocketCalls.MSG_FLAGS) & SocketCalls.MSG_TRUNC) != 0) continue;
            Endpoint from = UdpSocket.readName(name);
            if (from == null) continue;
            MemorySegment.copy(data, JAVA_BYTE, 0, buffer, 0, length);
            sink.receive(id, from, buffer, 0, length);
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            stopped = true;
            t = poller;
            if (t == null) {
                for (int fd : fds.values()) Libc.closeQuietly(fd);
                fds.clear();
            }
            wake();
        }
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (wakeFd >= 0) Libc.closeQuietly(wakeFd);
        if (t == null || !t.isAlive()) arena.close();
    }
}
