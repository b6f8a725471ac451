package net.ztj.service.platform;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Signal handling of spec 05 §2.4: SIGINT, SIGTERM and SIGQUIT start a graceful shutdown with a 5 s watchdog that
 * ends the process with status 0 if the shutdown hangs; SIGHUP, SIGUSR1 and SIGUSR2 are ignored (SIGPIPE is
 * ignored by the JVM already).
 *
 * <p>Handled through {@code sun.misc.Signal} (module jdk.unsupported, kept by the JDK for exactly this): with only a
 * shutdown hook the JVM would exit with status 143 on SIGTERM, where the reference exits with 0. Signals the JVM
 * reserves (SIGQUIT prints a thread dump unless {@code -Xrs}) keep the JVM's meaning.
 */
public final class OsSignals {
    /** How long a graceful shutdown may take before the process is ended anyway. */
    public static final long WATCHDOG_MS = 5000;

    private OsSignals() {}

    /**
     * Installs the handlers.
     *
     * @param shutdown started (once) on SIGINT, SIGTERM or SIGQUIT
     */
    public static void install(Runnable shutdown) {
        SignalHandler stop = signal -> {
            startWatchdog();
            shutdown.run();
        };
        for (String name : new String[] {"INT", "TERM", "QUIT"}) handle(name, stop);
        for (String name : new String[] {"HUP", "USR1", "USR2"}) handle(name, SignalHandler.SIG_IGN);
    }

    private static void handle(String name, SignalHandler handler) {
        try {
            Signal.handle(new Signal(name), handler);
        } catch (IllegalArgumentException e) {
            // reserved by the JVM or unknown on this OS
        }
    }

    private static void startWatchdog() {
        Thread.ofPlatform().daemon().name("shutdown-watchdog").start(() -> {
            try {
                Thread.sleep(WATCHDOG_MS);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(0);
        });
    }
}
