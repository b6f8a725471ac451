package net.ztj.service;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * How {@code zerotier-one -d} carries on once the start-up checks passed (spec 05 §2.2): the reference forks and its
 * parent exits 0 while the child runs the service and writes the pid file. A JVM cannot fork, so the program's
 * launcher supplies the equivalent (the app module starts the same program again without {@code -d}).
 */
@FunctionalInterface
public interface Background {
    /**
     * Runs the service in the background with {@code args} (the command line without {@code -d}) and returns the
     * exit code of this process: 0 once the background service has written its pid into {@code pidFile}.
     */
    int start(List<String> args, Path pidFile);

    /** Refuses {@code -d} with a message on {@code err}: for surroundings that cannot start a process. */
    static Background unavailable(String programName, PrintStream err) {
        return (args, pidFile) -> {
            err.println(programName + ": could not fork (-d is not available here)");
            return 1;
        };
    }
}
