package net.ztj.tap;

import java.io.IOException;
import net.ztj.linux.Errno;

/**
 * A libc call or a netlink request that the kernel refused, with the errno it gave. The message reads
 * like {@code "could not open TUN/TAP device: No such file or directory (ENOENT)"}, so it can be shown
 * as it is; {@link #errno()} lets callers tell expected refusals (EEXIST, ENODEV, ...) from real faults.
 */
public final class NativeCallException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    /** @param what what was being attempted, e.g. "could not open TUN/TAP device"; @param errno positive errno */
    public NativeCallException(String what, int errno) {
        super(what + ": " + Errno.describe(errno));
        this.errno = errno;
    }

    /** The positive errno value the kernel reported. */
    public int errno() {
        return errno;
    }

    /** The symbolic name of {@link #errno()}, e.g. {@code "EEXIST"}, or {@code "errno 123"} if unknown. */
    public String errnoName() {
        return Errno.name(errno);
    }
}
