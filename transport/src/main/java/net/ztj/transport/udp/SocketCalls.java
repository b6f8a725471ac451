package net.ztj.transport.udp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The socket system calls the UDP transport makes through FFM, each capturing errno into a caller-owned segment (one
 * per thread role, so no call allocates): socket, setsockopt, bind, getsockname, sendmmsg, recvmmsg, poll, and the
 * eventfd (written and read) that wakes a blocked receiver. Constants are Linux's (x86-64 and arm64 share them).
 */
final class SocketCalls {
    static final int AF_INET = 2, AF_INET6 = 10;
    static final int SOCK_DGRAM = 2, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1, SO_REUSEADDR = 2, SO_BROADCAST = 6, SO_SNDBUF = 7, SO_RCVBUF = 8;
    static final int IPPROTO_IP = 0, IP_TTL = 2, IP_MTU_DISCOVER = 10, IPV6_UNICAST_HOPS = 16, IPPROTO_IPV6 = 41, IPV6_MTU_DISCOVER = 23, IPV6_V6ONLY = 26;
    static final int PMTUDISC_DONT = 0;
    static final int MSG_TRUNC = 0x20;
    static final int EINTR = 4, EAGAIN = 11, EAFNOSUPPORT = 97, EADDRINUSE = 98, EADDRNOTAVAIL = 99;
    static final int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;
    static final short POLLIN = 0x1, POLLOUT = 0x4;
    /** struct pollfd {int fd; short events; short revents;} */
    static final long POLLFD_SIZE = 8, POLLFD_EVENTS = 4, POLLFD_REVENTS = 6;
    /** struct iovec {void *base; size_t len;} */
    static final long IOVEC_SIZE = 16;
    /**
     * struct mmsghdr: a struct msghdr (name 0, namelen 8, iov 16, iovlen 24, control 32, controllen 40, flags 48)
     * then unsigned int msg_len at 56; 64 bytes with padding.
     */
    static final long MMSG_SIZE = 64, MSG_NAME = 0, MSG_NAMELEN = 8, MSG_IOV = 16, MSG_IOVLEN = 24, MSG_FLAGS = 48,
            MSG_LEN = 56;
    /** Room for a struct sockaddr_in6 (28 bytes), the larger of the two. */
    static final int SOCKADDR_SIZE = 28;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle BIND = downcall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = downcall("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDMMSG = downcall("sendmmsg",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle RECVMMSG = downcall("recvmmsg",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle POLL = downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle EVENTFD = downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle WRITE = downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle READ = downcall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private SocketCalls() {
    }

    @SuppressWarnings("restricted") // calling libc is the purpose of this class
    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc function not found: " + name));
        return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
    }

    static MemorySegment errnoState(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    static int socket(MemorySegment errno, int domain, int type) {
        try {
            return (int) SOCKET.invokeExact(errno, domain, type, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int setsockopt(MemorySegment errno, int fd, int level, int name, MemorySegment value) {
        try {
            return (int) SETSOCKOPT.invokeExact(errno, fd, level, name, value, (int) value.byteSize());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int bind(MemorySegment errno, int fd, MemorySegment address, int length) {
        try {
            return (int) BIND.invokeExact(errno, fd, address, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code length} holds an int: the room in {@code address} before, the address's size after. */
    static int getsockname(MemorySegment errno, int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) GETSOCKNAME.invokeExact(errno, fd, address, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int sendmmsg(MemorySegment errno, int fd, MemorySegment messages, int count) {
        try {
            return (int) SENDMMSG.invokeExact(errno, fd, messages, count, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int recvmmsg(MemorySegment errno, int fd, MemorySegment messages, int count) {
        try {
            return (int) RECVMMSG.invokeExact(errno, fd, messages, count, 0, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int poll(MemorySegment errno, MemorySegment fds, long count, int timeoutMs) {
        try {
            return (int) POLL.invokeExact(errno, fds, count, timeoutMs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int eventfd(MemorySegment errno) {
        try {
            return (int) EVENTFD.invokeExact(errno, 0, EFD_NONBLOCK | EFD_CLOEXEC);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long write(MemorySegment errno, int fd, MemorySegment buf, long count) {
        try {
            return (long) WRITE.invokeExact(errno, fd, buf, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long read(MemorySegment errno, int fd, MemorySegment buf, long count) {
        try {
            return (long) READ.invokeExact(errno, fd, buf, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void close(MemorySegment errno, int fd) {
        if (fd < 0) return;
        try {
            int ignored = (int) CLOSE.invokeExact(errno, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("native call failed", t);
    }
}
