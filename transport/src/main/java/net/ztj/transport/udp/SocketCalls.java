package net.ztj.transport.udp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import net.ztj.linux.Libc;

/**
 * The socket system calls the UDP transport makes through FFM beyond {@link Libc}'s, each capturing errno into a
 * caller-owned segment (one per thread role, so no call allocates): setsockopt, getsockname, sendmmsg, recvmmsg.
 * Constants are Linux's (x86-64 and arm64 share them).
 */
final class SocketCalls {
    static final int SOL_SOCKET = 1, SO_REUSEADDR = 2, SO_BROADCAST = 6, SO_SNDBUF = 7, SO_RCVBUF = 8;
    static final int IPPROTO_IP = 0, IP_TTL = 2, IP_MTU_DISCOVER = 10, IPV6_UNICAST_HOPS = 16, IPPROTO_IPV6 = 41, IPV6_MTU_DISCOVER = 23, IPV6_V6ONLY = 26;
    static final int PMTUDISC_DONT = 0;
    static final int MSG_TRUNC = 0x20;
    /** struct iovec {void *base; size_t len;} */
    static final long IOVEC_SIZE = 16;
    /**
     * struct mmsghdr: a struct msghdr (name 0, namelen 8, iov 16, iovlen 24, control 32, controllen 40, flags 48)
     * then unsigned int msg_len at 56; 64 bytes with padding.
     */
    static final long MMSG_SIZE = 64, MSG_NAME = 0, MSG_NAMELEN = 8, MSG_IOV = 16, MSG_IOVLEN = 24, MSG_CONTROL = 32,
            MSG_CONTROLLEN = 40, MSG_FLAGS = 48, MSG_LEN = 56;
    /** Room for a struct sockaddr_in6 (28 bytes), the larger of the two. */
    static final int SOCKADDR_SIZE = 28;

    // Linked on first use, one holder class each, through Libc's shared call shapes where one fits (a shape is
    // linked once, 20-30 ms in a starting JVM): binding a socket needs setsockopt only (getsockname when the port
    // is the kernel's choice), and sendmmsg and recvmmsg come with bind's shape.
    private static final class Setsockopt {
        static final MethodHandle H = Libc.downcall("setsockopt", Libc.INT_CALL);
    }

    private static final class Getsockname {
        static final MethodHandle H = Libc.downcall("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class Sendmmsg {
        static final MethodHandle H = Libc.downcall("sendmmsg", Libc.BUFFER_CALL);
    }

    private static final class Recvmmsg {
        static final MethodHandle H = Libc.downcall("recvmmsg", Libc.BUFFER_CALL);
    }

    private SocketCalls() {
    }

    static int setsockopt(MemorySegment errno, int fd, int level, int name, MemorySegment value) {
        try {
            return (int) Setsockopt.H.invokeExact(errno, fd, level, name, value, (int) value.byteSize());
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** {@code length} holds an int: the room in {@code address} before, the address's size after. */
    static int getsockname(MemorySegment errno, int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) Getsockname.H.invokeExact(errno, fd, address, length);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int sendmmsg(MemorySegment errno, int fd, MemorySegment messages, int count) {
        try {
            return (int) (long) Sendmmsg.H.invokeExact(errno, fd, messages, (long) count, 0, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static int recvmmsg(MemorySegment errno, int fd, MemorySegment messages, int count) {
        try {
            return (int) (long) Recvmmsg.H.invokeExact(errno, fd, messages, (long) count, 0, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }
}
