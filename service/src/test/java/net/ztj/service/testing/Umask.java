package net.ztj.service.testing;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Runs test code under another process umask (libc {@code umask(2)} through FFM). The umask is process-wide: the
 * previous one is restored afterwards, and tests using this must not run concurrently with others that create
 * files.
 */
public final class Umask {
    private static final MethodHandle UMASK = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("umask").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    /** Code that may throw. */
    public interface Body {
        void run() throws Exception;
    }

    private Umask() {}

    /** Runs {@code body} with the process umask set to {@code mask}. */
    public static void with(int mask, Body body) throws Exception {
        int previous = set(mask);
        try {
            body.run();
        } finally {
            set(previous);
        }
    }

    private static int set(int mask) {
        try {
            return (int) UMASK.invokeExact(mask);
        } catch (Throwable t) {
            throw new IllegalStateException("umask(2) failed", t);
        }
    }
}
