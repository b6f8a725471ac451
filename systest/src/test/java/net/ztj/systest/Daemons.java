package net.ztj.systest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the project's jar as zerotier-one, zerotier-cli and zerotier-idtool, inside namespaces or not. */
final class Daemons {
    static final String JAR = System.getProperty("ztj.jar", "../app/target/zerotier.jar");
    static final String JAVA = System.getProperty("ztj.java", "java");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Netns netns;
    /** Another zerotier-one executable to run instead of ours (ZeroTier One 1.14, for comparisons), or null. */
    private final Path other;

    Daemons(Netns netns) {
        this(netns, null);
    }

    /** Daemons that run {@code other} (a zerotier-one executable) rather than ours; null: ours. */
    Daemons(Netns netns, Path other) {
        this.netns = netns;
        this.other = other;
    }

    static List<String> tool(String personality, String... args) {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dztj.argv0=" + personality, "-jar", JAR));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs zerotier-idtool here (not in a namespace). */
    static String idtool(String... args) throws IOException {
        return Netns.run(tool("zerotier-idtool", args).toArray(String[]::new));
    }

    /** Runs a command with a working directory; returns its output, fails on a non-zero exit. */
    static String run(Path cwd, List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }

    /** Starts zerotier-one in a namespace with its home folder; output goes to home/daemon.log. */
    Process start(String ns, Path home) throws IOException {
        List<String> cmd = other != null ? List.of(other.toString(), "-U", home.toString())
                : List.of(JAVA, "-Dztj.argv0=zerotier-one", "-jar", JAR, "-U", home.toString());
        return netns.start(ns, home.resolveSibling(home.getFileName() + "-daemon.log"), cmd);
    }

    /** zerotier-cli inside a namespace, against the daemon whose home is given. */
    String cli(String ns, Path home, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(tool("zerotier-cli", "-D" + home));
        cmd.addAll(List.of(args));
        return netns.exec(ns, cmd.toArray(String[]::new));
    }

    JsonNode cliJson(String ns, Path home, String... args) throws IOException {
        List<String> a = new ArrayList<>(List.of("-j"));
        a.addAll(List.of(args));
        return JSON.readTree(cli(ns, home, a.toArray(String[]::new)));
    }

    /** Polls until the condition holds or the timeout passes. */
    static boolean waitFor(long timeoutMs, Check check) throws Exception {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            try {
                if (check.ok()) return true;
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        return check.ok();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /** The last {@code lines} lines of a log file, for failure messages. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log " + log.getFileName() + ")";
        }
    }

    static String log(Path home) {
        try {
            return Files.readString(home.resolveSibling(home.getFileName() + "-daemon.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
