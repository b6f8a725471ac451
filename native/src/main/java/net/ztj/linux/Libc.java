package net.ztj.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc functions the tap and the UDP sockets share, as FFM downcalls that capture errno, and the means to bind
 * more ({@link #downcall}). Every function takes as first argument an errno-capture segment ({@link #newErrnoState});
 * callers on a data path keep one per thread role so no call allocates. The wrappers return the raw C result;
 * {@link #errno} reads the captured value after a call returned -1. Constants are Linux's (x86-64 and arm64 share
 * them).
 */
public final class Libc {
    // open(2) flags, socket(2) domains/types, poll(2) events (Linux generic values, x86-64 and arm64)
    public static final int O_RDWR = 0x2, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    public static final int AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16;
    public static final int SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    public static final int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;
    public static final short POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;
    /** struct pollfd {int fd; short events; short revents;} */
    public static final long POLLFD_SIZE = 8, POLLFD_EVENTS = 4, POLLFD_REVENTS = 6;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();

    /** Made when errno is first read (after a failed call): its var handle costs a starting JVM ~10 ms. */
    private static final class ErrnoHandle {
        static final VarHandle H = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    }

    /**
     * The call shape of setsockopt, {@code (int, int, int, void *, int) -> int}, which socket, eventfd and close are
     * called through too (with zeros and NULL after their own arguments). The JDK links the calling code, and spins
     * classes for it, once per function descriptor and linker options (20-30 ms in a starting JVM); a function of
     * a shape already linked costs well under a millisecond. A C function called with more arguments than it takes
     * ignores the extra ones: on x86-64 (System V) and arm64 (AAPCS64) all six travel in registers, which the caller
     * owns, and none of these functions is variadic.
     */
    public static final FunctionDescriptor INT_CALL =
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);

    /**
     * The call shape of sendto, {@code (int, void *, long, int, void *, int) -> long}, which bind, read, write, recv,
     * sendmmsg and recvmmsg are called through too (see {@link #INT_CALL}). An {@code int} or {@code unsigned int}
     * argument passed in the {@code long} slot is read by the callee from the low 32 bits of its register; a result
     * the function returns as {@code int} is the low 32 bits of the {@code long} returned ({@code (int)} cast).
     */
    public static final FunctionDescriptor BUFFER_CALL =
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);

    // Each downcall is linked on its first use (a holder class per function): a node without a tap (a root, a
    // controller) never calls the tap's, and the shapes above are linked when the first function of each is.
    private static final class Open {
        static final MethodHandle H = handle("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), 2);
    }

    private static final class Close {
        static final MethodHandle H = handle("close", INT_CALL, -1);
    }

    private static final class Ioctl {
        static final MethodHandle H = handle("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), 2);
    }

    private static final class Read {
        static final MethodHandle H = handle("read", BUFFER_CALL, -1);
    }

    private static final class Write {
        static final MethodHandle H = handle("write", BUFFER_CALL, -1);
    }

    private static final class Poll {
        static final MethodHandle H = handle("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), -1);
    }

    private static final class Socket {
        static final MethodHandle H = handle("socket", INT_CALL, -1);
    }

    private static final class Bind {
        static final MethodHandle H = handle("bind", BUFFER_CALL, -1);
    }

    private static final class Sendto {
        static final MethodHandle H = handle("sendto", BUFFER_CALL, -1);
    }

    private static final class Recv {
        static final MethodHandle H = handle("recv", BUFFER_CALL, -1);
    }

    private static final class Pipe2 {
        static final MethodHandle H = handle("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), -1);
    }

    private static final class Eventfd {
        static final MethodHandle H = handle("eventfd", INT_CALL, -1);
    }

    private Libc() {
    }

    /** A downcall to the libc function {@code name} that captures errno into its first argument. */
    public static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return handle(name, descriptor, -1);
    }

    @SuppressWarnings("restricted") // calling libc is the purpose of this class
    private static MethodHandle handle(String name, FunctionDescriptor descriptor, int firstVariadic) {
        MemorySegment symbol = LIBC.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc function not found: " + name));
        Linker.Option capture = Linker.Option.captureCallState("errno");
        return firstVariadic < 0
                ? LINKER.downcallHandle(symbol, descriptor, capture)
                : LINKER.downcallHandle(symbol, descriptor, capture, Linker.Option.firstVariadicArg(firstVariadic));
    }

    /** A segment to capture errno into, living as long as {@code arena}. */
    public static MemorySegment newErrnoState(Arena arena) {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    /** The errno captured by the last call that used {@code state}. */
    public static int errno(MemorySegment state) {
        return (int) ErrnoHandle.H.get(state, 0L);
    }

    public static int open(MemorySegment errno, MemorySegment path, int flags) {
        try {
            return (int) Open.H.invokeExact(errno, path, flags, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int close(MemorySegment errno, int fd) {
        try {
            return (int) Close.H.invokeExact(errno, fd, 0, 0, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int ioctl(MemorySegment errno, int fd, long request, MemorySegment arg) {
        try {
            return (int) Ioctl.H.invokeExact(errno, fd, request, arg);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static long read(MemorySegment errno, int fd, MemorySegment buf, long count) {
        try {
            return (long) Read.H.invokeExact(errno, fd, buf, count, 0, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static long write(MemorySegment errno, int fd, MemorySegment buf, long count) {
        try {
            return (long) Write.H.invokeExact(errno, fd, buf, count, 0, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int poll(MemorySegment errno, MemorySegment fds, long nfds, int timeoutMs) {
        try {
            return (int) Poll.H.invokeExact(errno, fds, nfds, timeoutMs);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int socket(MemorySegment errno, int domain, int type, int protocol) {
        try {
            return (int) Socket.H.invokeExact(errno, domain, type, protocol, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int bind(MemorySegment errno, int fd, MemorySegment addr, int addrLen) {
        try {
            return (int) (long) Bind.H.invokeExact(errno, fd, addr, (long) addrLen, 0, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static long sendto(MemorySegment errno, int fd, MemorySegment buf, long len, int flags, MemorySegment addr, int addrLen) {
        try {
            return (long) Sendto.H.invokeExact(errno, fd, buf, len, flags, addr, addrLen);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static long recv(MemorySegment errno, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) Recv.H.invokeExact(errno, fd, buf, len, flags, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** pipe2(2): {@code fds} receives two ints, the read end then the write end. */
    public static int pipe2(MemorySegment errno, MemorySegment fds, int flags) {
        try {
            return (int) Pipe2.H.invokeExact(errno, fds, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int eventfd(MemorySegment errno, int initval, int flags) {
        try {
            return (int) Eventfd.H.invokeExact(errno, initval, flags, 0, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Closes {@code fd} if it is open (>= 0), ignoring the result: for clean-up paths. */
    public static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            close(newErrnoState(arena), fd);
        }
    }

    /**
     * What a downcall's {@code invokeExact} threw, to rethrow: runtime exceptions and errors as they are, anything
     * else (it cannot happen with a downcall) wrapped.
     */
    public static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }
}
