package net.ztj.app;

import net.ztj.service.Background;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code zerotier-one -d} for a JVM, which cannot fork: the service is started again as a new process with this
 * process's own command line (the same java, JVM options and jar, as the kernel reports them) followed by the
 * arguments without {@code -d}. Like the reference's forked child, that process inherits the console, the working
 * folder and the network namespace, and outlives this one. This process waits until the new one has written its
 * pid into {@code zerotier-one.pid} (so that a script reading the pid file right after {@code zerotier-one -d}
 * finds it) or has ended, and exits 0 or with the ended process's code.
 */
final class BackgroundRelaunch implements Background {
    /** Longest wait for the pid file; a service still starting after that is left running and 0 returned. */
    static final long PID_FILE_WAIT_MS = 60_000;

    private final String programName;
    private final Optional<List<String>> launchPrefix;
    private final PrintStream err;

    /**
     * @param programName  argv[0], for messages
     * @param launchPrefix what starts this program before its own arguments (java, JVM options, -jar, the jar);
     *                     empty when it is not known, and {@code -d} then fails as a failed fork does
     */
    BackgroundRelaunch(String programName, Optional<List<String>> launchPrefix, PrintStream err) {
        this.programName = programName;
        this.launchPrefix = launchPrefix.map(List::copyOf);
        this.err = err;
    }

    /** For this process, started with program arguments {@code args}. */
    static BackgroundRelaunch forThisProcess(String programName, String[] args, PrintStream err) {
        return new BackgroundRelaunch(programName, launchPrefixOf(ProcessHandle.current().info(), args), err);
    }

    /**
     * The command line of a process without its last arguments, which must be {@code args}; empty when the system
     * does not report the command line or it does not end with them.
     */
    static Optional<List<String>> launchPrefixOf(ProcessHandle.Info info, String[] args) {
        if (info.command().isEmpty() || info.arguments().isEmpty()) return Optional.empty();
        String[] all = info.arguments().get();
        int keep = all.length - args.length;
        if (keep < 0 || !Arrays.equals(all, keep, all.length, args, 0, args.length)) return Optional.empty();
        List<String> prefix = new ArrayList<>();
        prefix.add(info.command().get());
        prefix.addAll(Arrays.asList(all).subList(0, keep));
        return Optional.of(prefix);
    }

    @Override
    public int start(List<String> args, Path pidFile) {
        if (launchPrefix.isEmpty()) {
            err.println(programName + ": could not fork (the command line of this process is not known)");
            return 1;
        }
        List<String> command = new ArrayList<>(launchPrefix.get());
        command.addAll(args);
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            err.println(programName + ": could not fork (" + e.getMessage() + ")");
            return 1;
        }
        String pid = Long.toString(child.pid());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PID_FILE_WAIT_MS);
        try {
            while (System.nanoTime() < deadline) {
                if (child.waitFor(50, TimeUnit.MILLISECONDS)) return child.exitValue();
                if (pid.equals(readTrimmed(pidFile))) return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0; // still starting: the reference's parent does not wait at all
    }

    private static String readTrimmed(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
