package net.ztj.linux;

/**
 * Names and messages of the Linux errno values the tap and the sockets can meet (the generic numbering shared by
 * x86-64 and arm64). The messages are glibc's strerror texts, kept here so an error reads the same
 * whatever the locale and without a call into the C library.
 */
public final class Errno {
    public static final int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, EBADF = 9,
            EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17, ENODEV = 19,
            EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25, ENOSPC = 28, ERANGE = 34,
            EMSGSIZE = 90, ENOPROTOOPT = 92, EPROTONOSUPPORT = 93, EOPNOTSUPP = 95, EAFNOSUPPORT = 97,
            EADDRINUSE = 98, EADDRNOTAVAIL = 99, ENETDOWN = 100, ENETUNREACH = 101, ENOBUFS = 105,
            ETIMEDOUT = 110, EHOSTUNREACH = 113;

    private static final String[][] TABLE = new String[134][];

    static {
        put(EPERM, "EPERM", "Operation not permitted");
        put(ENOENT, "ENOENT", "No such file or directory");
        put(ESRCH, "ESRCH", "No such process");
        put(EINTR, "EINTR", "Interrupted system call");
        put(EIO, "EIO", "Input/output error");
        put(ENXIO, "ENXIO", "No such device or address");
        put(EBADF, "EBADF", "Bad file descriptor");
        put(EAGAIN, "EAGAIN", "Resource temporarily unavailable");
        put(ENOMEM, "ENOMEM", "Cannot allocate memory");
        put(EACCES, "EACCES", "Permission denied");
        put(EFAULT, "EFAULT", "Bad address");
        put(EBUSY, "EBUSY", "Device or resource busy");
        put(EEXIST, "EEXIST", "File exists");
        put(ENODEV, "ENODEV", "No such device");
        put(EINVAL, "EINVAL", "Invalid argument");
        put(ENFILE, "ENFILE", "Too many open files in system");
        put(EMFILE, "EMFILE", "Too many open files");
        put(ENOTTY, "ENOTTY", "Inappropriate ioctl for device");
        put(ENOSPC, "ENOSPC", "No space left on device");
        put(ERANGE, "ERANGE", "Numerical result out of range");
        put(EMSGSIZE, "EMSGSIZE", "Message too long");
        put(ENOPROTOOPT, "ENOPROTOOPT", "Protocol not available");
        put(EPROTONOSUPPORT, "EPROTONOSUPPORT", "Protocol not supported");
        put(EOPNOTSUPP, "EOPNOTSUPP", "Operation not supported");
        put(EAFNOSUPPORT, "EAFNOSUPPORT", "Address family not supported by protocol");
        put(EADDRINUSE, "EADDRINUSE", "Address already in use");
        put(EADDRNOTAVAIL, "EADDRNOTAVAIL", "Cannot assign requested address");
        put(ENETDOWN, "ENETDOWN", "Network is down");
        put(ENETUNREACH, "ENETUNREACH", "Network is unreachable");
        put(ENOBUFS, "ENOBUFS", "No buffer space available");
        put(ETIMEDOUT, "ETIMEDOUT", "Connection timed out");
        put(EHOSTUNREACH, "EHOSTUNREACH", "No route to host");
    }

    private Errno() {
    }

    private static void put(int errno, String name, String message) {
        TABLE[errno] = new String[] {name, message};
    }

    /** {@code "EEXIST"}, or {@code "errno N"} for a value not in the table. */
    public static String name(int errno) {
        String[] e = errno > 0 && errno < TABLE.length ? TABLE[errno] : null;
        return e != null ? e[0] : "errno " + errno;
    }

    /** {@code "File exists (EEXIST)"}, or {@code "errno N"} for a value not in the table. */
    public static String describe(int errno) {
        String[] e = errno > 0 && errno < TABLE.length ? TABLE[errno] : null;
        return e != null ? e[1] + " (" + e[0] + ")" : "errno " + errno;
    }
}
