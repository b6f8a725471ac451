package net.ztj.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;

/**
 * poll(2) over arrays of struct pollfd in native memory, and the eventfd that wakes a thread blocked in it: a reader
 * waits on its descriptor beside a wake-up eventfd without a time limit, and whoever closes the descriptor writes to
 * the eventfd. The arrays and value segments are the caller's (allocated once), so no call allocates.
 */
public final class Poll {
    /** Two struct pollfd: the descriptor waited on, then the wake-up eventfd. */
    public static final long PAIR_SIZE = 2 * Libc.POLLFD_SIZE;

    private Poll() {
    }

    /** Entry {@code i} of {@code fds} waits on {@code fd} for {@code events}; its revents are cleared. */
    public static void set(MemorySegment fds, int i, int fd, short events) {
        long at = i * Libc.POLLFD_SIZE;
        fds.set(JAVA_INT, at, fd);
        fds.set(JAVA_SHORT, at + Libc.POLLFD_EVENTS, events);
        fds.set(JAVA_SHORT, at + Libc.POLLFD_REVENTS, (short) 0);
    }

    /** The events poll reported for entry {@code i} of {@code fds}. */
    public static short revents(MemorySegment fds, int i) {
        return fds.get(JAVA_SHORT, i * Libc.POLLFD_SIZE + Libc.POLLFD_REVENTS);
    }

    /**
     * Waits without a time limit until {@code fd} has one of {@code events} or {@code wakeFd} is readable; returns
     * poll's result (-1 with errno captured into {@code errno}). {@code fds} holds {@link #PAIR_SIZE} bytes; after
     * the call, {@code revents(fds, 0)} is the descriptor's and {@link #woken} tells a wake-up.
     */
    public static int awaitOrWake(MemorySegment errno, MemorySegment fds, int fd, short events, int wakeFd) {
        set(fds, 0, fd, events);
        set(fds, 1, wakeFd, Libc.POLLIN);
        return Libc.poll(errno, fds, 2, -1);
    }

    /** Whether the wait of {@link #awaitOrWake} on {@code fds} ended because its eventfd was written. */
    public static boolean woken(MemorySegment fds) {
        return revents(fds, 1) != 0;
    }

    /** A non-blocking, close-on-exec eventfd to wake pollers with; -1 with errno captured on failure. */
    public static int newWakeFd(MemorySegment errno) {
        return Libc.eventfd(errno, 0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
    }

    /** Wakes the pollers of {@code wakeFd}: adds 1 to it through {@code value}, 8 bytes the caller owns. */
    public static long wake(MemorySegment errno, int wakeFd, MemorySegment value) {
        value.set(JAVA_LONG, 0, 1L);
        return Libc.write(errno, wakeFd, value, Long.BYTES);
    }
}
