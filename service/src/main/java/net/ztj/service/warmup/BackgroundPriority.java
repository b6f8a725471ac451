package net.ztj.service.warmup;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Lowers the Linux scheduling priority of the calling thread alone (its nice value; on Linux each thread has its
 * own), so that the data path's threads take the CPU whenever they are runnable. The warm-up runs for seconds of
 * CPU at start while the daemon is already joining networks and carrying its first packets: at the same priority it
 * took half of the machine from them (issue 9: pings of 14–40 ms during the first seconds on two cores).
 *
 * <p>Through FFM: {@code gettid()} and {@code setpriority(PRIO_PROCESS, tid, nice)} of the C library.
 */
final class BackgroundPriority {
    /** The lowest priority (the highest nice value). */
    static final int LOWEST = 19;
    private static final int PRIO_PROCESS = 0;

    private static final MethodHandle GETTID, SETPRIORITY;

    static {
        MethodHandle gettid = null, setpriority = null;
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            Optional<java.lang.foreign.MemorySegment> g = libc.find("gettid"), s = libc.find("setpriority");
            if (g.isPresent() && s.isPresent()) {
                gettid = linker.downcallHandle(g.get(), FunctionDescriptor.of(JAVA_INT));
                setpriority = linker.downcallHandle(s.get(), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
            }
        } catch (RuntimeException | LinkageError e) {
            // not Linux, or native access refused: the thread keeps its priority
        }
        GETTID = gettid;
        SETPRIORITY = setpriority;
    }

    private BackgroundPriority() {}

    /** The calling thread's kernel thread id, or -1 where unknown. */
    static int currentThreadId() {
        if (GETTID == null) return -1;
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable t) {
            return -1;
        }
    }

    /** Gives the calling thread the nice value {@link #LOWEST}; false where that is not possible. */
    static boolean lowerCurrentThread() {
        int tid = currentThreadId();
        if (tid <= 0 || SETPRIORITY == null) return false;
        try {
            return (int) SETPRIORITY.invokeExact(PRIO_PROCESS, tid, LOWEST) == 0;
        } catch (Throwable t) {
            return false;
        }
    }
}
