package net.ztj.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zerotier-one -d}'s relaunch, with {@code sh} standing in for the JVM: the started process gets the launch
 * prefix and the arguments, outlives the call, and the call returns once that process wrote its pid into the pid
 * file, or with its exit code when it ended first.
 */
class BackgroundRelaunchTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private BackgroundRelaunch relaunch(String script) {
        // sh -c <script> sh <args...>: the arguments are $1...
        return new BackgroundRelaunch("zerotier-one", Optional.of(List.of("sh", "-c", script, "sh")),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void returnsZeroOnceTheStartedProcessWroteItsPidAndLeavesItRunning() throws Exception {
        Path pidFile = dir.resolve("zerotier-one.pid");
        Path args = dir.resolve("args");
        // writes its arguments, then its pid (no newline, as the service), then runs until the test ends it
        var started = relaunch("echo \"$*\" > '" + args + "'; printf %s $$ > \"$2\"; exec sleep 600");
        assertEquals(0, started.start(List.of("-p0", pidFile.toString()), pidFile));
        long pid = Long.parseLong(Files.readString(pidFile));
        ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
        try {
            assertTrue(child.isAlive(), "the background process runs on");
            assertEquals("-p0 " + pidFile + "\n", Files.readString(args));
            assertEquals("", err.toString(StandardCharsets.UTF_8));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aProcessThatEndsBeforeWritingThePidFileGivesItsExitCode() {
        assertEquals(3, relaunch("exit 3").start(List.of(), dir.resolve("zerotier-one.pid")));
        // a pid file left by an earlier daemon does not count: it names another process
        Path stale = dir.resolve("stale.pid");
        assertEquals(4, relaunch("exit 4").start(List.of(), writeStale(stale)));
    }

    @Test
    void anUnknownCommandLineFailsAsAFailedFork() {
        var unknown = new BackgroundRelaunch("zerotier-one", Optional.empty(), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, unknown.start(List.of(), dir.resolve("zerotier-one.pid")));
        assertEquals("zerotier-one: could not fork (the command line of this process is not known)\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theLaunchPrefixIsTheCommandLineWithoutTheProgramArguments() {
        ProcessHandle.Info info = new FakeInfo("/usr/lib/ztj/runtime/bin/java",
                new String[] {"@/usr/lib/ztj/zerotier-one.jvm-options", "-Dztj.argv0=zerotier-one", "-jar", "z.jar", "-d", "/h"});
        assertEquals(Optional.of(List.of("/usr/lib/ztj/runtime/bin/java", "@/usr/lib/ztj/zerotier-one.jvm-options",
                "-Dztj.argv0=zerotier-one", "-jar", "z.jar")), BackgroundRelaunch.launchPrefixOf(info, new String[] {"-d", "/h"}));
        assertEquals(Optional.empty(), BackgroundRelaunch.launchPrefixOf(info, new String[] {"-d", "/other"}));
        assertEquals(Optional.empty(), BackgroundRelaunch.launchPrefixOf(new FakeInfo(null, null), new String[0]));
    }

    private static Path writeStale(Path file) {
        try {
            return Files.writeString(file, "1");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record FakeInfo(String cmd, String[] args) implements ProcessHandle.Info {
        public Optional<String> command() { return Optional.ofNullable(cmd); }
        public Optional<String> commandLine() { return Optional.empty(); }
        public Optional<String[]> arguments() { return Optional.ofNullable(args); }
        public Optional<java.time.Instant> startInstant() { return Optional.empty(); }
        public Optional<java.time.Duration> totalCpuDuration() { return Optional.empty(); }
        public Optional<String> user() { return Optional.empty(); }
    }
}
