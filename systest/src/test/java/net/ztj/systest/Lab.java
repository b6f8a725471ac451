package net.ztj.systest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A private ZeroTier world for system tests: one namespace per daemon on one bridge ({@link Netns}), the first node
 * the only root of a planet made by our genplanet (so no daemon ever uses the default planet and its public roots),
 * every daemon started with that planet. Closing it stops the daemons and removes namespaces, bridge and veths,
 * also after a failure.
 */
final class Lab implements AutoCloseable {
    private final Netns netns;
    private final Map<String, ZtNode> nodes = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private final Path dir;
    private final Daemons daemons;

    /** Why a Lab cannot run here (not root, no iproute2, no curl), or null when it can. */
    static String unavailableReason() {
        String why = Netns.unavailableReason();
        if (why != null) return why;
        try {
            Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) return "curl does not work here";
        } catch (IOException | InterruptedException e) {
            return "curl is not installed (the test drives the local API with it): apt-get install curl";
        }
        return null;
    }

    /**
     * Creates the namespaces and homes (under {@code dir}) for the named nodes, the first being the planet's root,
     * and starts every daemon. Host n (1-based, in the order given) gets address {@code subnetPrefix + n}.
     */
    static Lab start(Path dir, String subnetPrefix, String... names) throws Exception {
        return start(dir, subnetPrefix, node -> {}, names);
    }

    /** What a test prepares in a node's home (its local.conf, say) before its daemon starts. */
    interface Setup {
        void before(ZtNode node) throws IOException;
    }

    /** As {@link #start(Path, String, String...)}, with {@code setup} run for each node before any daemon starts. */
    static Lab start(Path dir, String subnetPrefix, Setup setup, String... names) throws Exception {
        Netns netns = new Netns(subnetPrefix);
        try {
            return new Lab(netns, dir, setup, names);
        } catch (Throwable t) {
            netns.close();
            throw t;
        }
    }

    private Lab(Netns netns, Path dir, Setup setup, String... names) throws IOException {
        this.netns = netns;
        Daemons daemons = new Daemons(netns);
        int n = 0;
        this.dir = dir;
        this.daemons = daemons;
        for (String name : names) nodes.put(name, newNode(name, netns.addHost(name), netns.ip(++n)));
        ZtNode root = root();
        Path planet = dir.resolve("planet");
        Daemons.idtool("genplanet", planet.toString(), root.home.resolve("identity.public") + "@" + root.ip + "/9993");
        for (ZtNode z : nodes.values()) Files.copy(planet, z.home.resolve("planet"));
        for (ZtNode z : nodes.values()) setup.before(z);
        for (ZtNode z : nodes.values()) z.start();
    }

    private ZtNode newNode(String name, String ns, String ip) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home);
        Daemons.idtool("generate", home.resolve("identity.secret").toString(), home.resolve("identity.public").toString());
        return new ZtNode(name, ns, home, ip, netns, daemons);
    }

    /**
     * A node in a namespace of its own that is on no bridge (the test wires it, e.g. behind a router namespace),
     * with the lab's planet; {@code ip} is the address the test gives it. Its daemon is not started: set up its home,
     * then call {@link ZtNode#start()}.
     */
    ZtNode addIsolatedNode(String name, String ip) throws IOException {
        ZtNode z = newNode(name, netns.addNamespace(name), ip);
        Files.copy(dir.resolve("planet"), z.home.resolve("planet"));
        nodes.put(name, z);
        return z;
    }

    /**
     * A node run by another zerotier-one executable (ZeroTier One itself, for interoperability checks) on the same
     * bridge, with a new identity and the lab's planet, started now; driven like the others through its local API.
     * Not counted by {@link #nodes()} or {@link #awaitOnline}; stopped when the lab closes.
     */
    ZtNode addForeignNode(String name, Path dir, Path executable) throws IOException {
        return addForeignNode(name, dir, executable, node -> { });
    }

    /** As {@link #addForeignNode(String, Path, Path)}, with {@code setup} run before its daemon starts. */
    ZtNode addForeignNode(String name, Path dir, Path executable, Setup setup) throws IOException {
        String ns = netns.addHost(name);
        Path home = dir.resolve(name);
        Files.createDirectories(home);
        Daemons.idtool("generate", home.resolve("identity.secret").toString(), home.resolve("identity.public").toString());
        Files.copy(root().home.resolve("planet"), home.resolve("planet"));
        ZtNode z = new ZtNode(name, ns, home, netns.ip(netns.hosts()), netns, new Daemons(netns));
        setup.before(z);
        netns.start(ns, home.resolveSibling(name + "-daemon.log"), List.of(executable.toString(), "-U", home.toString()));
        return z;
    }

    /** A host without a daemon on the same bridge (its address follows the nodes'); returns its namespace. */
    String addHost(String name) throws IOException {
        return netns.addHost(name);
    }

    /** The address the n-th host (1-based, nodes first, then hosts added later) has. */
    String ip(int n) {
        return netns.ip(n);
    }

    /** Runs a command in a namespace; its output (fails on a non-zero exit). */
    String exec(String ns, String... command) throws IOException {
        return netns.exec(ns, command);
    }

    /** Starts a long-running command in a namespace (killed when the lab closes). */
    Process spawn(String ns, Path log, String... command) throws IOException {
        return netns.start(ns, log, java.util.List.of(command));
    }

    ZtNode root() {
        return nodes.values().iterator().next();
    }

    ZtNode node(String name) {
        ZtNode z = nodes.get(name);
        if (z == null) throw new IllegalArgumentException("no node " + name);
        return z;
    }

    List<ZtNode> nodes() {
        return new ArrayList<>(nodes.values());
    }

    /**
     * Waits until every daemon says it is ONLINE (polling its API, which is cheap), then checks each with
     * {@code zerotier-cli info}: {@code 200 info <address> 1.14.1 ONLINE}.
     */
    void awaitOnline(long timeoutMs) throws Exception {
        for (ZtNode z : nodes.values()) {
            Await.until(z + " ONLINE", timeoutMs, () -> z.api("GET", "/status", null).json().path("online").asBoolean(),
                    this::describe);
            String info = z.cli("info").trim();
            if (!info.equals("200 info " + z.address() + " 1.14.1 ONLINE")) {
                throw new AssertionError(z + ": zerotier-cli info said: " + info);
            }
        }
    }

    /**
     * Creates a network on the root's controller from {@code json}, has the members join it and authorizes each once
     * the controller lists it; returns the network's id.
     */
    String networkOf(String json, ZtNode... members) throws Exception {
        ZtNode root = root();
        String nwid = root.post("/controller/network/" + root.address() + "______", json).path("id").asText();
        for (ZtNode m : members) m.post("/network/" + nwid, "{}");
        for (ZtNode m : members) {
            Await.until("the controller to list " + m, 60_000,
                    () -> root.get("/controller/network/" + nwid + "/member").has(m.address()), this::describe);
            root.post("/controller/network/" + nwid + "/member/" + m.address(), "{\"authorized\":true}");
        }
        return nwid;
    }

    /** Every node's state, for failure messages. */
    String describe() {
        return nodes.values().stream().map(ZtNode::describe).collect(Collectors.joining("\n"));
    }

    /** Prints a step with the seconds since the lab started, so a test's output shows where its time goes. */
    void step(String what) {
        System.out.printf("[%s %6.1f s] %s%n", getClass().getSimpleName(), (System.nanoTime() - started) / 1e9, what);
    }

    /**
     * Stops everything and removes the namespaces. With {@code -Dztj.systest.logs=<folder>} the daemons' logs are
     * first copied there (they are otherwise deleted with the test's temporary folder).
     */
    @Override
    public void close() {
        try {
            netns.close();
        } finally {
            String keep = System.getProperty("ztj.systest.logs");
            if (keep != null && !keep.isBlank()) {
                for (ZtNode z : nodes.values()) {
                    try {
                        Files.createDirectories(Path.of(keep));
                        Files.writeString(Path.of(keep, z.name + "-daemon.log"), Daemons.log(z.home));
                    } catch (IOException e) {
                        System.err.println("could not keep the log of " + z + ": " + e);
                    }
                }
            }
        }
    }
}
