package net.ztj.service;

import net.ztj.core.Version;
import net.ztj.service.home.HomeFolder;
import net.ztj.service.home.PidFile;
import net.ztj.service.node.CoreNodeFactory;
import net.ztj.service.node.NodeCoreFactory;
import net.ztj.service.platform.OsSignals;
import net.ztj.service.platform.RealUid;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * zerotier-one: the command line and start-up checks of spec 05 §2.1–§2.2, then the {@link Daemon} until a signal
 * stops it.
 *
 * <p>{@code -d} continues in a background process after the checks, through {@link Background} (a JVM cannot fork).
 * Left out on purpose: the privilege drop of step 8 (optional in the spec: the service keeps the uid it was started
 * with; the packaged systemd unit starts it as the zerotier-one user with CAP_NET_ADMIN instead).
 */
public final class ServiceMain {
    /** The platform default home folder on Linux. */
    public static final String DEFAULT_HOME = "/var/lib/zerotier-one";

    private ServiceMain() {}

    /** The program zerotier-one's arguments ask for. */
    public enum Personality {
        /** the service itself, including its usage and version answers */
        SERVICE,
        /** {@code -i}: zerotier-idtool, given the arguments shifted by one (the first one becomes its name) */
        IDTOOL,
        /** {@code -q}: zerotier-cli, given the unchanged arguments (it ignores {@code -q}) */
        CLI
    }

    /**
     * Which personality zerotier-one's arguments select. The switches are scanned left to right as the service
     * scans them, so a switch that ends the scan earlier ({@code -v}, {@code -h}, a bad {@code -p}, a second home
     * folder) keeps the service, and a {@code -i} or {@code -q} with more characters is the service's usage.
     */
    public static Personality personality(String[] args) {
        return ServiceCommandLine.parse(args) instanceof ServiceCommandLine.SwitchPersonality s
                ? s.personality() : Personality.SERVICE;
    }

    /** The node core the service runs: the protocol core's {@code Node}. */
    static NodeCoreFactory coreFactory(PrintStream log) {
        return new CoreNodeFactory(log);
    }

    /**
     * Runs zerotier-one in this process: OS signals stop it; returns the exit code. {@code background} carries on
     * with {@code -d}.
     */
    public static int run(String programName, String[] args, Map<String, String> env, PrintStream out, PrintStream err,
                          Background background) {
        StopSignal stop = new StopSignal();
        CountDownLatch finished = new CountDownLatch(1);
        OsSignals.install(stop::fire);
        // if the JVM is asked to exit another way, stop cleanly first (bounded like the signal watchdog)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.fire();
            try {
                finished.await(OsSignals.WATCHDOG_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        try {
            return run(new ServiceEnvironment(programName, env, out, err, RealUid::get, coreFactory(err),
                    new SecureRandom(), System::currentTimeMillis, stop, daemon -> {},
                    java.util.Optional.of(net.ztj.service.port.LinuxPortDriver::new), background, true), args);
        } finally {
            finished.countDown();
        }
    }

    /** Runs zerotier-one with the given surroundings; returns the exit code once it has stopped. */
    public static int run(ServiceEnvironment env, String[] args) {
        String argv0 = env.programName();
        ServiceCommandLine commandLine;
        switch (ServiceCommandLine.parse(args)) {
            case ServiceCommandLine.PrintVersion v -> {
                env.out().println(Version.text());
                return 0;
            }
            case ServiceCommandLine.PrintUsage u -> {
                printUsage(argv0, env.out());
                return u.exitCode();
            }
            case ServiceCommandLine.SwitchPersonality p -> {
                env.err().println(argv0 + ": -i and -q are handled by the launcher, not by the service");
                return 1;
            }
            case ServiceCommandLine.Run r -> commandLine = r.commandLine();
        }
        StartAhead.linkSockets(); // the daemon's longest piece of linking starts now, beside what comes before it
        String homeText = homeText(commandLine.home().orElse(env.env().getOrDefault("ZEROTIER_HOME", DEFAULT_HOME)));
        HomeFolder home;
        try {
            home = HomeFolder.create(Path.of(homeText));
        } catch (IOException | RuntimeException e) {
            env.err().println(argv0 + ": fatal error: home path does not exist, and could not create. Please verify "
                    + "local system permissions.");
            return 1;
        }
        home.chmodSecrets();
        if (home.hasLegacyControllerDb()) {
            env.err().println(argv0 + ": FATAL: an old controller.db exists in " + homeText
                    + " -- see instructions in controller/README.md for how to migrate!");
            return 1;
        }
        OptionalInt uid = env.realUid().get();
        if (!commandLine.skipRootCheck() && (uid.isEmpty() || uid.getAsInt() != 0)) {
            env.err().println(argv0 + ": must be run as root (uid 0)");
            return 1;
        }
        if (commandLine.background()) {
            return env.background().start(ServiceCommandLine.withoutBackgroundSwitch(args), home.file("zerotier-one.pid"));
        }
        try (PidFile pid = PidFile.acquire(home.file("zerotier-one.pid"), ProcessHandle.current().pid())) {
            return runDaemon(env, home, homeText, commandLine.port(), pid);
        } catch (PidFile.AlreadyRunningException e) {
            env.err().println(argv0 + ": fatal error: another zerotier-one is already running with home folder "
                    + homeText + (e.pid().isPresent() ? " (pid " + e.pid().getAsLong() + ")" : ""));
            return 1;
        } catch (IOException e) {
            env.err().println(argv0 + ": fatal error: cannot write " + home.file("zerotier-one.pid") + ": " + e.getMessage());
            return 1;
        }
    }

    private static int runDaemon(ServiceEnvironment env, HomeFolder home, String homeText, int port, PidFile pid) {
        Daemon daemon;
        try {
            daemon = Daemon.start(new Daemon.Options(home, homeText, port, env.coreFactory(), env.random(),
                    env.clockMs(), env.err(), env.ports(), env.routerPortMapping()));
        } catch (ServiceFailure f) {
            env.err().println(f.consoleLine(env.programName()));
            if (!f.keepsPidFile()) pid.delete();
            return f.exitCode();
        }
        env.started().accept(daemon);
        try {
            env.stop().await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        daemon.close();
        pid.delete();
        return 0;
    }

    /** The home path as /status shows it: as given, without trailing slashes. */
    static String homeText(String path) {
        String s = path;
        while (s.length() > 1 && s.endsWith("/")) s = s.substring(0, s.length() - 1);
        return s;
    }

    /** The usage text, laid out as ZeroTier One's. */
    public static void printUsage(String programName, PrintStream out) {
        List<String> l = new ArrayList<>();
        l.add("ZeroTier One version " + Version.text());
        l.add("ztj: a pure-Java implementation of ZeroTier One");
        l.add("Usage: " + programName + " [-switches] [home directory]");
        l.add("");
        l.add("Available switches:");
        l.add("  -h                - Display this help");
        l.add("  -v                - Show version");
        l.add("  -U                - Skip privilege check and do not attempt to drop privileges");
        l.add("  -p<port>          - Port for UDP and TCP/HTTP (default: 9993, 0 for random)");
        l.add("  -d                - Run in the background (the pid goes into zerotier-one.pid)");
        l.add("  -i                - Generate and manage identities (zerotier-idtool)");
        l.add("  -q                - Query API (zerotier-cli)");
        l.add("  --tcp-relay[=port] - Run a TCP fallback relay for nodes without UDP (default port 443)");
        l.forEach(out::println);
        out.flush();
    }
}
