package net.ztj.systest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces for system tests: a switch namespace with a bridge and any number of host namespaces, each
 * with one veth port on that bridge and an address in a private test subnet that exists only inside them.
 * Everything created is removed on {@link #close}, also after a failure. Needs root and iproute2.
 */
final class Netns implements AutoCloseable {
    /** Why system tests cannot run here, or null when they can. */
    static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name")) && !isUidZero()) {
            return "system tests need root (network namespaces, veth, tap): run the suite as root to include them";
        }
        try {
            Process p = new ProcessBuilder("ip", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) return "iproute2 ('ip') does not work here";
        } catch (IOException | InterruptedException e) {
            return "iproute2 ('ip') is not installed: apt-get install iproute2";
        }
        return null;
    }

    /** Whether a program is on the PATH. */
    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (java.nio.file.Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    private static boolean isUidZero() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) return line.split("\\s+")[1].equals("0");
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private final String prefix;
    private final String switchNs;
    private final String subnetPrefix;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private int hosts;

    /** @param subnetPrefix e.g. "10.77.0." — addresses .1, .2, ... are given to hosts in order */
    Netns(String subnetPrefix) throws IOException {
        this.prefix = "ztj" + Long.toString(ProcessHandle.current().pid() % 100000, 36)
                + Integer.toString((int) (Math.random() * 1296), 36);
        this.subnetPrefix = subnetPrefix;
        this.switchNs = prefix + "-sw";
        run("ip", "netns", "add", switchNs);
        namespaces.add(switchNs);
        try {
            run("ip", "-n", switchNs, "link", "add", "br0", "type", "bridge");
            run("ip", "-n", switchNs, "link", "set", "br0", "up");
        } catch (IOException | RuntimeException e) {
            close(); // the caller never gets this object to close
            throw e;
        }
    }

    /** Adds a host namespace with interface eth0 on the bridge; returns its namespace name. */
    String addHost(String name) throws IOException {
        String ns = prefix + "-" + name;
        int n = ++hosts;
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        String vethSw = prefix.substring(0, Math.min(prefix.length(), 8)) + "p" + n;
        run("ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", vethSw, "netns", switchNs);
        run("ip", "-n", switchNs, "link", "set", vethSw, "master", "br0");
        run("ip", "-n", switchNs, "link", "set", vethSw, "up");
        run("ip", "-n", ns, "addr", "add", subnetPrefix + n + "/24", "dev", "eth0");
        run("ip", "-n", ns, "link", "set", "eth0", "up");
        run("ip", "-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    /**
     * Adds a namespace with no interface but loopback (a router, say, wired with {@link #link}); removed on close.
     * Returns its name.
     */
    String addNamespace(String name) throws IOException {
        String ns = prefix + "-" + name;
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    /** How many hosts were added so far (the last one has address {@code ip(hosts())}). */
    int hosts() {
        return hosts;
    }

    /** Joins two namespaces with a veth pair ({@code ifA} in {@code nsA}, {@code ifB} in {@code nsB}), both up. */
    static void link(String nsA, String ifA, String nsB, String ifB) throws IOException {
        run("ip", "-n", nsA, "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", nsB);
        run("ip", "-n", nsA, "link", "set", ifA, "up");
        run("ip", "-n", nsB, "link", "set", ifB, "up");
    }

    /** The address given to the n-th host (1-based). */
    String ip(int n) {
        return subnetPrefix + n;
    }

    /** Starts a process inside a namespace, output to a log file. It is killed on close. */
    Process start(String ns, Path log, List<String> command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    /** Runs a command inside a namespace and returns its output; fails on a non-zero exit. */
    String exec(String ns, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        return run(cmd.toArray(String[]::new));
    }

    /** Runs a command and returns stdout+stderr; throws with the output on a non-zero exit. */
    static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out);
        return out;
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            try {
                run("ip", "netns", "del", namespaces.get(i));
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
