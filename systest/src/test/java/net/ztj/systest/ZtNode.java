package net.ztj.systest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One zerotier-one daemon in its own namespace, and the ways a test talks to it: zerotier-cli, and the local HTTP API
 * (through curl run inside the namespace, with the token of the daemon's authtoken.secret) — which is also how the
 * controller embedded in every daemon is driven.
 */
final class ZtNode {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final String ns;
    final Path home;
    /** Its address on the test bridge. */
    final String ip;
    private final Daemons daemons;
    private final Netns netns;

    ZtNode(String name, String ns, Path home, String ip, Netns netns, Daemons daemons) {
        this.name = name;
        this.ns = ns;
        this.home = home;
        this.ip = ip;
        this.netns = netns;
        this.daemons = daemons;
    }

    /** The node's 10-digit ZeroTier address, from its identity. */
    String address() throws IOException {
        return Files.readString(home.resolve("identity.public")).substring(0, 10);
    }

    private Process process;

    void start() throws IOException {
        process = daemons.start(ns, home);
    }

    /** Stops the daemon as the service manager would (SIGTERM) and waits for it to exit. */
    void stop() throws Exception {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        process = null;
    }

    /** Runs a command in this node's namespace; its output (fails on a non-zero exit). */
    String exec(String... command) throws IOException {
        return netns.exec(ns, command);
    }

    /** Runs a command in this node's namespace; true if it exited 0. */
    boolean succeeds(String... command) {
        try {
            netns.exec(ns, command);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts a long-running command in this node's namespace (killed when the lab closes). */
    Process spawn(Path log, String... command) throws IOException {
        return netns.start(ns, log, java.util.List.of(command));
    }

    /** zerotier-cli with these arguments; its output (fails on a non-zero exit). */
    String cli(String... args) throws IOException {
        return daemons.cli(ns, home, args);
    }

    /** zerotier-cli -j with these arguments, parsed. */
    JsonNode cliJson(String... args) throws IOException {
        return daemons.cliJson(ns, home, args);
    }

    /** A reply of the local HTTP API. */
    record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }

    /**
     * A request to the daemon's local API (127.0.0.1 and its port, inside its namespace) with its auth token;
     * {@code body} may be null. Fails only when curl itself fails (no connection): any HTTP status is returned.
     */
    Reply api(String method, String path, String body) throws IOException {
        String token = Files.readString(home.resolve("authtoken.secret")).trim();
        String port = Files.readString(home.resolve("zerotier-one.port")).trim();
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-X", method,
                "-H", "X-ZT1-Auth: " + token, "-w", "\n%{http_code}"));
        if (body != null) cmd.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", body));
        cmd.add("http://127.0.0.1:" + port + path);
        String out;
        try {
            out = netns.exec(ns, cmd.toArray(String[]::new));
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("exited 28")) { // no answer in time: what was it doing?
                e.addSuppressed(new IOException(name + " did not answer " + method + " " + path + "; its threads:\n"
                        + threadDump()));
            }
            throw e;
        }
        int nl = out.lastIndexOf('\n');
        return new Reply(Integer.parseInt(out.substring(nl + 1).trim()), out.substring(0, Math.max(nl, 0)));
    }

    /**
     * The daemon's thread dump (SIGQUIT: the JVM writes it to its output, the daemon's log), for a failure message
     * when the daemon stopped answering; empty when it is not running.
     */
    String threadDump() {
        Process p = process;
        if (p == null || !p.isAlive()) return "(not running)";
        java.util.Optional<ProcessHandle> jvm = java.util.stream.Stream.concat(java.util.stream.Stream.of(p.toHandle()),
                        p.toHandle().descendants())
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst();
        if (jvm.isEmpty()) return "(no JVM among the daemon's processes)";
        Path log = home.resolveSibling(home.getFileName() + "-daemon.log");
        try {
            long before = Files.size(log);
            new ProcessBuilder("kill", "-QUIT", Long.toString(jvm.get().pid())).start().waitFor();
            String[] dump = {""};
            Await.until("the thread dump in " + log.getFileName(), 10_000, () -> {
                String all = Files.readString(log);
                int from = all.indexOf("Full thread dump", (int) Math.min(before, all.length()));
                int end = from < 0 ? -1 : all.indexOf("JNI global refs", from);
                if (end < 0) return false;
                dump[0] = all.substring(from, end);
                return true;
            }, () -> "");
            return dump[0];
        } catch (Exception | AssertionError e) {
            return "(no thread dump: " + e + ")";
        }
    }

    /** As {@link #api}, but the reply must be 200; returns its JSON. */
    JsonNode api200(String method, String path, String body) throws IOException {
        Reply r = api(method, path, body);
        if (r.status() != 200) {
            throw new AssertionError(name + ": " + method + " " + path + (body == null ? "" : " " + body) + " -> " + r);
        }
        return r.json();
    }

    /** GET of the local API, reply must be 200. */
    JsonNode get(String path) throws IOException {
        return api200("GET", path, null);
    }

    /** POST of the local API, reply must be 200. */
    JsonNode post(String path, String body) throws IOException {
        return api200("POST", path, body);
    }

    /**
     * Waits (up to a minute) until the network is OK here and one of its managed IPv4 addresses is on its interface;
     * returns that address.
     */
    String awaitManagedIpv4(String nwid, java.util.function.Supplier<String> describe) throws Exception {
        return awaitManagedIpv4(nwid, 60_000, describe);
    }

    /**
     * Waits until the network is OK here and one of its managed IPv4 addresses is on its interface; returns that
     * address.
     */
    String awaitManagedIpv4(String nwid, long timeoutMs, java.util.function.Supplier<String> describe) throws Exception {
        String[] ip = new String[1];
        Await.until(this + " to have its managed address on its interface", timeoutMs, () -> {
            JsonNode net = get("/network/" + nwid);
            if (!"OK".equals(net.path("status").asText())) return false;
            String dev = net.path("portDeviceName").asText();
            for (JsonNode a : net.path("assignedAddresses")) {
                String v4 = a.asText().substring(0, a.asText().indexOf('/'));
                if (!v4.contains(":") && !dev.isEmpty() && exec("ip", "-o", "addr", "show", "dev", dev).contains(v4 + "/")) {
                    ip[0] = v4;
                    return true;
                }
            }
            return false;
        }, describe);
        return ip[0];
    }

    /** The last lines of the daemon's log. */
    String logTail(int lines) {
        List<String> all = Daemons.log(home).lines().toList();
        if (all.isEmpty()) return "(empty)";
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** What the node looks like now, for failure messages: its networks through the API, and its log's tail. */
    String describe() {
        StringBuilder s = new StringBuilder("--- ").append(name).append(" (").append(ns).append(") ---\n");
        try {
            s.append("GET /status: ").append(api("GET", "/status", null)).append('\n');
            s.append("GET /network: ").append(api("GET", "/network", null)).append('\n');
        } catch (IOException | RuntimeException e) {
            s.append("(API not reachable: ").append(e.getMessage()).append(")\n");
        }
        return s.append("log tail:\n").append(logTail(40)).append('\n').toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
