package net.ztj.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** A wait on a descriptor beside a wake-up eventfd ends on either, and tells which. */
class PollTest {
    @Test
    void aWaitEndsWhenTheDescriptorIsReadyOrWhenWoken() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoState(arena);
            MemorySegment pipe = arena.allocate(JAVA_INT, 2);
            assertEquals(0, Libc.pipe2(errno, pipe, Libc.O_CLOEXEC | Libc.O_NONBLOCK), () -> Errno.describe(Libc.errno(errno)));
            int readEnd = pipe.getAtIndex(JAVA_INT, 0), writeEnd = pipe.getAtIndex(JAVA_INT, 1);
            int wakeFd = Poll.newWakeFd(errno);
            assertTrue(wakeFd >= 0, () -> Errno.describe(Libc.errno(errno)));
            try {
                MemorySegment fds = arena.allocate(Poll.PAIR_SIZE, 8);
                MemorySegment value = arena.allocate(JAVA_LONG);

                assertEquals(1, Libc.write(errno, writeEnd, arena.allocate(1), 1));
                assertEquals(1, Poll.awaitOrWake(errno, fds, readEnd, Libc.POLLIN, wakeFd));
                assertTrue((Poll.revents(fds, 0) & Libc.POLLIN) != 0);
                assertFalse(Poll.woken(fds));
                assertEquals(1, Libc.read(errno, readEnd, arena.allocate(1), 1));

                assertEquals(Long.BYTES, Poll.wake(errno, wakeFd, value));
                assertEquals(1, Poll.awaitOrWake(errno, fds, readEnd, Libc.POLLIN, wakeFd));
                assertTrue(Poll.woken(fds));
                assertEquals(0, Poll.revents(fds, 0));
            } finally {
                Libc.closeQuietly(readEnd);
                Libc.closeQuietly(writeEnd);
                Libc.closeQuietly(wakeFd);
            }
        }
    }

    @Test
    void errnoIsCapturedAndNamed() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoState(arena);
            assertEquals(-1, Libc.close(errno, -1));
            assertEquals(Errno.EBADF, Libc.errno(errno));
            assertEquals("Bad file descriptor (EBADF)", Errno.describe(Libc.errno(errno)));
        }
    }
}
