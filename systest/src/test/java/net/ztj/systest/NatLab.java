package net.ztj.systest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Two members each behind its own Linux NAT router, the root (also the network's controller) on the public side:
 *
 * <pre>
 *   root 192.0.0.1 ──┐ public bridge 192.0.0.0/24
 *                    isp 192.0.0.2 ── 7.0.1.1 ═ 7.0.1.2 router A (nft masquerade) 192.168.11.1 ═ 192.168.11.2 member A
 *                                   └ 7.0.2.1 ═ 7.0.2.2 router B (nft masquerade) 192.168.12.1 ═ 192.168.12.2 member B
 * </pre>
 *
 * The public addresses are of global scope in ZeroTier's table (as on the Internet) and exist only inside the
 * namespaces; the ISP router sits between the two NAT routers so a datagram sent with TTL 2 leaves its own NAT but
 * dies before the other's, as it would on the Internet. Each router masquerades what leaves its WAN port, either
 * keeping the source port when it is free (Linux's default, "port-preserving") or with {@code fully-random} ports
 * (a symmetric NAT). The members' daemons are ours, or another zerotier-one executable (ZeroTier One 1.14) for
 * comparisons; the root is always ours. Closing stops everything and removes the namespaces.
 */
final class NatLab implements AutoCloseable {
    /** How a router maps its members' source ports. */
    enum Nat {
        /** nft {@code masquerade}: the source port is kept when free. */
        PRESERVING(""),
        /** nft {@code masquerade fully-random}: every new mapping gets a random port (symmetric NAT). */
        RANDOM(" fully-random");

        final String flags;

        Nat(String flags) {
            this.flags = flags;
        }
    }

    static final String NETWORK = """
            {"name":"nat","private":true,"v4AssignMode":{"zt":true},
             "ipAssignmentPools":[{"ipRangeStart":"10.97.4.10","ipRangeEnd":"10.97.4.250"}],
             "routes":[{"target":"10.97.4.0/24"}]}""";

    private final Netns netns;
    final ZtNode root, a, b;
    final String routerA, routerB;
    private final long started = System.nanoTime();

    /** Why it cannot run here, or null. */
    static String unavailableReason() {
        String why = Lab.unavailableReason();
        if (why == null && !Netns.onPath("nft")) why = "nft (nftables) is not installed: the NAT routers use it";
        if (why == null && !Netns.onPath("ping")) why = "ping (iputils-ping) is not installed";
        return why;
    }

    /**
     * Builds the namespaces, identities and planet under {@code dir} and starts the root and both members.
     *
     * @param members the members' zerotier-one executable, or null for ours
     */
    static NatLab start(Path dir, Nat natA, Nat natB, Path members) throws Exception {
        Netns netns = new Netns("192.0.0.");
        try {
            return new NatLab(netns, dir, natA, natB, members);
        } catch (Throwable t) {
            netns.close();
            throw t;
        }
    }

    private NatLab(Netns netns, Path dir, Nat natA, Nat natB, Path members) throws IOException {
        this.netns = netns;
        String rootNs = netns.addHost("root"); // 192.0.0.1
        String isp = netns.addHost("isp");     // 192.0.0.2
        sysctl(isp, "net.ipv4.ip_forward=1");
        Netns.run("ip", "-n", rootNs, "route", "add", "default", "via", "192.0.0.2");
        routerA = router(isp, "a", 1, natA);
        routerB = router(isp, "b", 2, natB);
        String nsA = member(routerA, "a", 11), nsB = member(routerB, "b", 12);

        Daemons ours = new Daemons(netns), theirs = members == null ? ours : new Daemons(netns, members);
        root = node(dir, "root", rootNs, "192.0.0.1", ours);
        a = node(dir, "a", nsA, "192.168.11.2", theirs);
        b = node(dir, "b", nsB, "192.168.12.2", theirs);
        Path planet = dir.resolve("planet");
        Daemons.idtool("genplanet", planet.toString(), root.home.resolve("identity.public") + "@192.0.0.1/9993");
        for (ZtNode z : List.of(root, a, b)) Files.copy(planet, z.home.resolve("planet"));
        root.start();
    }

    private String router(String isp, String name, int n, Nat nat) throws IOException {
        String ns = netns.addNamespace("r" + name);
        Netns.link(isp, "wan" + name, ns, "eth0");
        Netns.run("ip", "-n", isp, "addr", "add", "7.0." + n + ".1/30", "dev", "wan" + name);
        Netns.run("ip", "-n", ns, "addr", "add", "7.0." + n + ".2/30", "dev", "eth0");
        Netns.run("ip", "-n", ns, "route", "add", "default", "via", "7.0." + n + ".1");
        sysctl(ns, "net.ipv4.ip_forward=1");
        netns.exec(ns, "nft", "add", "table", "ip", "nat");
        netns.exec(ns, "nft", "add", "chain", "ip", "nat", "post",
                "{ type nat hook postrouting priority srcnat; policy accept; }");
        netns.exec(ns, "sh", "-c", "nft add rule ip nat post oifname eth0 masquerade" + nat.flags);
        return ns;
    }

    private String member(String router, String name, int subnet) throws IOException {
        String ns = netns.addNamespace(name);
        String lan = "192.168." + subnet + ".";
        Netns.link(router, "lan0", ns, "eth0");
        Netns.run("ip", "-n", router, "addr", "add", lan + "1/24", "dev", "lan0");
        Netns.run("ip", "-n", ns, "addr", "add", lan + "2/24", "dev", "eth0");
        Netns.run("ip", "-n", ns, "route", "add", "default", "via", lan + "1");
        return ns;
    }

    private ZtNode node(Path dir, String name, String ns, String ip, Daemons daemons) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home);
        Daemons.idtool("generate", home.resolve("identity.secret").toString(), home.resolve("identity.public").toString());
        return new ZtNode(name, ns, home, ip, netns, daemons);
    }

    private void sysctl(String ns, String setting) throws IOException {
        netns.exec(ns, "sysctl", "-q", "-w", setting);
    }

    /**
     * Waits for the root, starts both members, waits for them ONLINE, makes the network on the root's controller,
     * joins both, and returns their managed IPv4 addresses {A, B}.
     */
    String[] join() throws Exception {
        Await.until("the root ONLINE", 120_000, () -> root.get("/status").path("online").asBoolean(), this::describe);
        a.start();
        b.start();
        for (ZtNode m : List.of(a, b)) {
            Await.until(m + " ONLINE", 120_000, () -> m.get("/status").path("online").asBoolean(), this::describe);
        }
        String nwid = root.post("/controller/network/" + root.address() + "______", NETWORK).path("id").asText();
        for (ZtNode m : List.of(a, b)) {
            root.post("/controller/network/" + nwid + "/member/" + m.address(), "{\"authorized\":true}");
            m.post("/network/" + nwid, "{}");
        }
        return new String[] {a.awaitManagedIpv4(nwid, 90_000, this::describe), b.awaitManagedIpv4(nwid, 90_000, this::describe)};
    }

    /**
     * Gives member A a new address on its LAN (as a new DHCP lease would): the old one is deleted, the new one added
     * with the default route again.
     */
    void renumberA(String newHost) throws IOException {
        a.exec("ip", "addr", "del", "192.168.11.2/24", "dev", "eth0");
        a.exec("ip", "addr", "add", "192.168.11." + newHost + "/24", "dev", "eth0");
        a.exec("ip", "route", "replace", "default", "via", "192.168.11.1");
    }

    /** The physical paths {@code from} lists to {@code to} (empty while relayed). */
    static List<String> paths(ZtNode from, ZtNode to) throws IOException {
        JsonNode peer = from.get("/peer/" + to.address());
        return peer.path("paths").findValuesAsText("address");
    }

    /** Whether both members list a physical path to each other. */
    boolean direct() throws IOException {
        return !paths(a, b).isEmpty() && !paths(b, a).isEmpty();
    }

    /** The routers' connection tracking tables, for the record and for failure messages. */
    String conntrack() {
        StringBuilder s = new StringBuilder();
        for (String[] r : new String[][] {{"router A", routerA}, {"router B", routerB}}) {
            s.append("--- conntrack -L -p udp in ").append(r[0]).append(" ---\n");
            try {
                s.append(netns.exec(r[1], "conntrack", "-L", "-p", "udp"));
            } catch (IOException e) {
                s.append("(").append(e.getMessage()).append(")\n");
            }
        }
        return s.toString();
    }

    String describe() {
        StringBuilder s = new StringBuilder();
        for (ZtNode z : List.of(root, a, b)) s.append(z.describe());
        return s.append(conntrack()).toString();
    }

    Supplier<String> describer() {
        return this::describe;
    }

    /** Seconds since the lab started, for the record. */
    void step(String what) {
        System.out.printf("[NatLab %6.1f s] %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    @Override
    public void close() {
        netns.close();
    }
}
