package net.ztj.tap;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import net.ztj.linux.Errno;
import net.ztj.linux.Libc;
import net.ztj.linux.Poll;

/**
 * The kernel's notifications of address and link changes (rtnetlink multicast groups for links, IPv4 and IPv6
 * addresses), read on a thread of their own: each batch that holds an RTM_NEWADDR, RTM_DELADDR, RTM_NEWLINK or
 * RTM_DELLINK runs the listener once. The listener decides what the change means (the service compares its list
 * of usable addresses); nothing is parsed past the message types.
 *
 * <p>Threads: the listener runs on this class's thread; {@link #close} wakes it through an eventfd and waits.
 */
public final class NetlinkEvents implements AutoCloseable {
    private static final int NETLINK_ROUTE = 0;
    private static final int RTMGRP_LINK = 0x1, RTMGRP_IPV4_IFADDR = 0x10, RTMGRP_IPV6_IFADDR = 0x100;
    private static final int RTM_NEWLINK = 16, RTM_DELLINK = 17, RTM_NEWADDR = 20, RTM_DELADDR = 21;
    private static final int SOCKADDR_NL_LEN = 12;
    private static final int BUFFER = 64 * 1024;

    private final Arena arena;
    private final int fd, wakeFd;
    private final MemorySegment errno, closeErrno, buffer, pollFds, wakeValue;
    private final Runnable listener;
    private final Thread thread;
    private volatile boolean closing;

    private NetlinkEvents(Arena arena, int fd, int wakeFd, MemorySegment errno, Runnable listener) {
        this.arena = arena;
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.errno = errno;
        this.listener = listener;
        buffer = arena.allocate(BUFFER, 8);
        pollFds = arena.allocate(Poll.PAIR_SIZE, 8);
        wakeValue = arena.allocate(JAVA_LONG);
        closeErrno = Libc.newErrnoState(arena);
        thread = Thread.ofPlatform().daemon().name("netlink-events").unstarted(this::loop);
    }

    /**
     * Subscribes to the notifications and starts the thread.
     *
     * @throws NativeCallException if the kernel refuses the socket (no netlink, say)
     */
    public static NetlinkEvents start(Runnable listener) throws IOException {
        Arena arena = Arena.ofShared();
        int fd = -1, wakeFd = -1;
        try {
            MemorySegment errno = Libc.newErrnoState(arena);
            fd = Libc.socket(errno, Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, NETLINK_ROUTE);
            if (fd < 0) throw new NativeCallException("could not open a netlink socket", Libc.errno(errno));
            MemorySegment address = arena.allocate(SOCKADDR_NL_LEN, 4);
            address.set(JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            address.set(JAVA_INT, 8, RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR);
            if (Libc.bind(errno, fd, address, SOCKADDR_NL_LEN) < 0) {
                throw new NativeCallException("could not subscribe to address changes", Libc.errno(errno));
            }
            wakeFd = Poll.newWakeFd(errno);
            if (wakeFd < 0) throw new NativeCallException("could not create an eventfd", Libc.errno(errno));
            NetlinkEvents events = new NetlinkEvents(arena, fd, wakeFd, errno, listener);
            events.thread.start();
            return events;
        } catch (IOException | RuntimeException | Error e) {
            Libc.closeQuietly(fd);
            Libc.closeQuietly(wakeFd);
            arena.close();
            throw e;
        }
    }

    private void loop() {
        try {
            while (!closing) {
                if (Poll.awaitOrWake(errno, pollFds, fd, Libc.POLLIN, wakeFd) < 0 || closing) continue;
                if (Poll.revents(pollFds, 0) == 0) continue;
                long n = Libc.recv(errno, fd, buffer, BUFFER, 0);
                // an overrun (ENOBUFS) lost notifications: that is a change too
                if (n < 0 ? Libc.errno(errno) == Errno.ENOBUFS : relevant(n)) {
                    try {
                        listener.run();
                    } catch (RuntimeException e) {
                        // the listener's failure must not stop the notifications
                    }
                }
            }
        } finally {
            Libc.closeQuietly(fd);
            Libc.closeQuietly(wakeFd);
        }
    }

    /** Whether the datagram of {@code n} bytes holds an address or link message. */
    private boolean relevant(long n) {
        long at = 0;
        while (at + 16 <= n) {
            int length = buffer.get(JAVA_INT, at);
            int type = Short.toUnsignedInt(buffer.get(JAVA_SHORT, at + 4));
            if (type == RTM_NEWADDR || type == RTM_DELADDR || type == RTM_NEWLINK || type == RTM_DELLINK) return true;
            if (length < 16) return false;
            at += (length + 3) & ~3;
        }
        return false;
    }

    @Override
    public void close() {
        if (closing) return;
        closing = true;
        Poll.wake(closeErrno, wakeFd, wakeValue);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) arena.close();
    }
}
