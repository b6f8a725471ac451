package net.ztj.tap;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import net.ztj.linux.Errno;
import net.ztj.linux.Libc;
import net.ztj.linux.Poll;
import net.ztj.core.wire.IpText;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A client of the kernel's routing netlink (rtnetlink) for the addresses and routes the service manages
 * on its ports (spec 05 §8.5–8.6), over an {@code AF_NETLINK}/{@code NETLINK_ROUTE} socket reached
 * through FFM. Every change is acknowledged by the kernel; a refusal becomes a {@link NativeCallException}
 * carrying the kernel's errno, except the "already so" answers, which are reported as {@code false}.
 *
 * <p>Why rtnetlink rather than running iproute2's {@code ip}: no dependency on an external binary, no
 * process spawned per change, the kernel's exact error code instead of parsed text, and the same requests
 * ZeroTier One sends, so the kernel state matches the reference's.
 *
 * <p>Threads: all methods may be called from any thread; requests are serialised on the one socket.
 */
public final class Netlink implements AutoCloseable {
    /** The route priority ZeroTier gives managed routes (spec 05 §8.6). */
    public static final int ZEROTIER_ROUTE_METRIC = 5000;

    private static final int NETLINK_ROUTE = 0;
    private static final int SOCKADDR_NL_LEN = 12; // u16 family, u16 pad, u32 pid, u32 groups
    private static final int RECEIVE_BUFFER = 64 * 1024;
    private static final int ANSWER_TIMEOUT_MS = 5000;

    private final Arena arena;
    private final int fd;
    private final MemorySegment errno, kernelAddress, sendBuffer, receiveBuffer, pollFd;
    private final byte[] receiveCopy = new byte[RECEIVE_BUFFER];
    private int sequence = (int) (System.nanoTime() & 0x3fffffff); // guarded by this
    private boolean closed; // guarded by this

    private Netlink(Arena arena, int fd, MemorySegment errno, MemorySegment kernelAddress) {
        this.arena = arena;
        this.fd = fd;
        this.errno = errno;
        this.kernelAddress = kernelAddress;
        this.sendBuffer = arena.allocate(4096, 8);
        this.receiveBuffer = arena.allocate(RECEIVE_BUFFER, 8);
        this.pollFd = arena.allocate(Libc.POLLFD_SIZE, 8);
    }

    /**
     * Opens and binds a NETLINK_ROUTE socket.
     *
     * @throws NativeCallException if the kernel refuses the socket
     */
    public static Netlink open() throws IOException {
        Arena arena = Arena.ofShared();
        int fd = -1;
        try {
            MemorySegment errno = Libc.newErrnoState(arena);
            fd = Libc.socket(errno, Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, NETLINK_ROUTE);
            if (fd < 0) {
                throw new NativeCallException("could not open a netlink socket", Libc.errno(errno));
            }
            MemorySegment address = arena.allocate(SOCKADDR_NL_LEN, 4); // zero: kernel picks our port id
            address.set(JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            if (Libc.bind(errno, fd, address, SOCKADDR_NL_LEN) < 0) {
                throw new NativeCallException("could not bind the netlink socket", Libc.errno(errno));
            }
            return new Netlink(arena, fd, errno, address); // the same zero address names the kernel as peer
        } catch (IOException | RuntimeException | Error e) {
            Libc.closeQuietly(fd);
            arena.close();
            throw e;
        }
    }

    /** The index of the interface named {@code name}, or 0 if there is none. */
    public synchronized int linkIndex(String name) throws IOException {
        LinuxTap.checkName(name);
        int seq = nextSequence();
        send(RtnlMessages.getLink(seq, name));
        while (true) {
            for (RtnlMessages.Message m : receive()) {
                if (m.seq() != seq) {
                    continue;
                }
                if (m.type() == RtnlMessages.NLMSG_ERROR) {
                    int e = RtnlMessages.errno(m);
                    if (e == Errno.ENODEV) {
                        return 0;
                    }
                    throw new NativeCallException("could not look up interface " + name, e);
                }
                return RtnlMessages.linkIndex(m);
            }
        }
    }

    /**
     * Adds {@code address} to the interface as ZeroTier does (spec 05 §8.5): permanent, scope universe, with
     * its prefix length; for IPv4 also the subnet broadcast and label {@code label} (the interface name).
     *
     * @return true if added, false if the identical address was already present
     * @throws NativeCallException if the kernel refuses, e.g. ENODEV for an unknown interface
     */
    public synchronized boolean addAddress(int ifIndex, String label, IpPrefix address) throws IOException {
        checkIndex(ifIndex);
        LinuxTap.checkName(label);
        int seq = nextSequence();
        int e = request(seq, RtnlMessages.newAddress(seq, ifIndex, label, address));
        if (e == Errno.EEXIST) {
            return false;
        }
        check(e, "could not add address " + address + " to interface #" + ifIndex);
        return true;
    }

    /**
     * Removes {@code address} (same prefix length) from the interface.
     *
     * @return true if removed, false if it was not there
     */
    public synchronized boolean removeAddress(int ifIndex, IpPrefix address) throws IOException {
        checkIndex(ifIndex);
        int seq = nextSequence();
        int e = request(seq, RtnlMessages.deleteAddress(seq, ifIndex, address));
        if (e == Errno.EADDRNOTAVAIL || e == Errno.ESRCH) {
            return false;
        }
        check(e, "could not remove address " + address + " from interface #" + ifIndex);
        return true;
    }

    /** The IPv4 and IPv6 addresses currently on the interface, in the kernel's order. */
    public synchronized List<LinkAddress> listAddresses(int ifIndex) throws IOException {
        checkIndex(ifIndex);
        List<LinkAddress> out = new ArrayList<>();
        int seq = nextSequence();
        send(RtnlMessages.dumpAddresses(seq));
        while (true) {
            for (RtnlMessages.Message m : receive()) {
                if (m.seq() != seq) {
                    continue;
                }
                switch (m.type()) {
                    case RtnlMessages.NLMSG_DONE -> {
                        return out;
                    }
                    case RtnlMessages.NLMSG_ERROR -> check(RtnlMessages.errno(m), "could not list addresses");
                    case RtnlMessages.RTM_NEWADDR -> {
                        LinkAddress a = RtnlMessages.address(m);
                        if (a != null && a.ifIndex() == ifIndex) {
                            out.add(a);
                        }
                    }
                    default -> { }
                }
            }
        }
    }

    /**
     * Installs a route as ZeroTier does (spec 05 §8.6): main table, protocol static, scope universe, type
     * unicast, destination {@code target} (host bits cleared), {@code gateway} if not null, output interface
     * {@code ifIndex}, priority {@code metric} (normally {@link #ZEROTIER_ROUTE_METRIC}). A default target is
     * installed as given; use {@link IpPrefix#kernelRouteTargets()} for ZeroTier's two-halves split.
     *
     * @return true if added, false if an identical route existed (EEXIST)
     * @throws NativeCallException if the kernel refuses, e.g. ENETUNREACH for a gateway not on the link
     */
    public synchronized boolean addRoute(IpPrefix target, InetAddress gateway, int ifIndex, int metric)
            throws IOException {
        checkRoute(target, gateway, ifIndex, metric);
        int seq = nextSequence();
        int e = request(seq, RtnlMessages.newRoute(seq, target, gateway, ifIndex, metric));
        if (e == Errno.EEXIST) {
            return false;
        }
        check(e, "could not add route " + describe(target, gateway, ifIndex));
        return true;
    }

    /**
     * Deletes a route added by {@link #addRoute}: same destination, gateway if not null, output interface,
     * and priority if {@code metric > 0} (0 matches any). Unlike the reference, which names the output
     * interface only for routes without a gateway, the interface is always named, so a same-looking route
     * on another interface is never touched.
     *
     * @return true if deleted, false if there was no such route (ESRCH)
     */
    public synchronized boolean removeRoute(IpPrefix target, InetAddress gateway, int ifIndex, int metric)
            throws IOException {
        checkRoute(target, gateway, ifIndex, metric);
        int seq = nextSequence();
        int e = request(seq, RtnlMessages.deleteRoute(seq, target, gateway, ifIndex, metric));
        if (e == Errno.ESRCH) {
            return false;
        }
        check(e, "could not remove route " + describe(target, gateway, ifIndex));
        return true;
    }

    /** Closes the socket; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Libc.closeQuietly(fd);
        arena.close();
    }

    private static void checkIndex(int ifIndex) {
        if (ifIndex <= 0) {
            throw new IllegalArgumentException("interface index must be positive: " + ifIndex);
        }
    }

    private static void checkRoute(IpPrefix target, InetAddress gateway, int ifIndex, int metric) {
        Objects.requireNonNull(target, "target");
        checkIndex(ifIndex);
        if (metric < 0) {
            throw new IllegalArgumentException("metric must not be negative: " + metric);
        }
        if (gateway != null && (gateway instanceof Inet4Address) == target.isIpv6()) {
            throw new IllegalArgumentException("gateway " + IpText.format(gateway.getAddress()) + " is not of the family of " + target);
        }
    }

    private static String describe(IpPrefix target, InetAddress gateway, int ifIndex) {
        return target.network() + (gateway != null ? " via " + IpText.format(gateway.getAddress()) : "") + " dev #" + ifIndex;
    }

    private static void check(int errno, String what) throws NativeCallException {
        if (errno != 0) {
            throw new NativeCallException(what, errno);
        }
    }

    private int nextSequence() throws IOException {
        if (closed) {
            throw new IOException("netlink socket is closed");
        }
        sequence = (sequence + 1) & 0x7fffffff;
        return sequence;
    }

    /** Sends an acknowledged request and returns the kernel's errno (0 = done). */
    private int request(int seq, byte[] message) throws IOException {
        send(message);
        while (true) {
            for (RtnlMessages.Message m : receive()) {
                if (m.seq() == seq && m.type() == RtnlMessages.NLMSG_ERROR) {
                    return RtnlMessages.errno(m);
                }
            }
        }
    }

    private void send(byte[] message) throws IOException {
        MemorySegment.copy(message, 0, sendBuffer, JAVA_BYTE, 0, message.length);
        while (true) {
            long n = Libc.sendto(errno, fd, sendBuffer, message.length, 0, kernelAddress, SOCKADDR_NL_LEN);
            if (n >= 0) {
                return;
            }
            int e = Libc.errno(errno);
            if (e != Errno.EINTR) {
                throw new NativeCallException("could not send a netlink request", e);
            }
        }
    }

    /** Receives one datagram (waiting at most {@value #ANSWER_TIMEOUT_MS} ms) and splits it into messages. */
    private List<RtnlMessages.Message> receive() throws IOException {
        while (true) {
            Poll.set(pollFd, 0, fd, Libc.POLLIN);
            int ready = Libc.poll(errno, pollFd, 1, ANSWER_TIMEOUT_MS);
            if (ready < 0) {
                int e = Libc.errno(errno);
                if (e == Errno.EINTR) {
                    continue;
                }
                throw new NativeCallException("could not wait for a netlink answer", e);
            }
            if (ready == 0) {
                throw new IOException("the kernel did not answer a netlink request within " + ANSWER_TIMEOUT_MS + " ms");
            }
            long n = Libc.recv(errno, fd, receiveBuffer, RECEIVE_BUFFER, 0);
            if (n < 0) {
                int e = Libc.errno(errno);
                if (e == Errno.EINTR || e == Errno.EAGAIN) {
                    continue;
                }
                throw new NativeCallException("could not receive a netlink answer", e);
            }
            MemorySegment.copy(receiveBuffer, JAVA_BYTE, 0, receiveCopy, 0, (int) n);
            try {
                return RtnlMessages.split(ByteBuffer.wrap(receiveCopy, 0, (int) n));
            } catch (ProtocolException e) {
                throw new IOException("malformed netlink answer", e);
            }
        }
    }
}
