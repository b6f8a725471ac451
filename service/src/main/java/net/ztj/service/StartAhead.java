package net.ztj.service;

import java.util.List;

/**
 * Work a starting daemon hands to a second thread (a second core) so that it is done by the time the main thread
 * needs it: linking the UDP sockets' native calls (FFM downcalls, 20-30 ms per call shape in a cold JVM)
 * while the main thread reads and validates the identity and local.conf, and loading SQLite's native library while
 * it binds the sockets. Each piece is what the main thread would do itself a moment later, and both threads go
 * through class initialisation (or a synchronized loader), so the main thread waits for a piece in progress instead
 * of doing it twice; a piece that fails here fails again, and is reported, where the main thread needs it.
 */
final class StartAhead {
    /**
     * The classes whose initialisation links the downcalls a UDP socket makes, in the order the main thread needs
     * them: first what binding a port calls (socket and setsockopt, one call shape; bind, the other shape; the
     * wake-up eventfd), then what the socket's threads call once it is bound (poll, recvmmsg and sendmmsg, the
     * eventfd's reads and writes, close), which but for poll share the two shapes and cost little more.
     */
    static final List<String> SOCKET_CLASSES = List.of("net.ztj.linux.Libc$Socket",
            "net.ztj.transport.udp.SocketCalls$Setsockopt", "net.ztj.linux.Libc$Bind", "net.ztj.linux.Libc$Eventfd",
            "net.ztj.linux.Libc$Poll", "net.ztj.transport.udp.SocketCalls$Recvmmsg",
            "net.ztj.transport.udp.SocketCalls$Sendmmsg", "net.ztj.linux.Libc$Read", "net.ztj.linux.Libc$Write",
            "net.ztj.linux.Libc$Close");

    private StartAhead() {}

    private static Thread sockets; // guarded by StartAhead.class

    /**
     * Links the UDP sockets' native calls on a thread of its own, once per JVM: as soon as the command line says a
     * daemon is to run (before its home folder and pid file), and again at the top of {@link Daemon#start} for a
     * daemon started another way.
     *
     * @return the thread doing it (the same one each time)
     */
    static synchronized Thread linkSockets() {
        if (sockets == null) sockets = run("ztj-start-ahead-sockets", () -> initialize(SOCKET_CLASSES));
        return sockets;
    }

    /** Runs {@code work} on a daemon thread named {@code name}; a failure is left for the main thread to meet. */
    static Thread run(String name, Runnable work) {
        return Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                // the main thread does the same a moment later and reports what goes wrong
            }
        });
    }

    /** Loads and initialises the named classes (a missing one is skipped: the daemon does not need it then). */
    static void initialize(List<String> classNames) {
        ClassLoader loader = StartAhead.class.getClassLoader();
        for (String name : classNames) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException e) {
                // renamed or removed: StartAheadTest notices
            }
        }
    }
}
