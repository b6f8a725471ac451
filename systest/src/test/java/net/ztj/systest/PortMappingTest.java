package net.ztj.systest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Port mapping against a real IGD (issue 11): member M sits behind router namespace R, which masquerades its LAN
 * (nftables) and runs miniupnpd, Debian's package with its nftables backend, with PCP/NAT-PMP and UPnP IGD on. The
 * root (also the network's controller) and peer P are on the public side. R lets no flow from M to P start
 * (nftables: new flows dropped, replies let through), so the only direct path between P and M is one that P opens
 * through the mapping.
 * <ol>
 *   <li>M maps its tertiary port ({@code tertiaryPort} in its local.conf) by PCP; the mapping is in R's nftables
 *       rules; P gets a direct path to R's public address and the mapped port, and pings M across the network;
 *       when M stops, the mapping is gone from R.</li>
 *   <li>With PCP/NAT-PMP off in miniupnpd, M maps the port by UPnP IGD (SSDP, SOAP), {@code upnpc -l} lists it under
 *       ZeroTier One's description, P gets the direct path again; when M stops, the mapping is gone.</li>
 * </ol>
 */
class PortMappingTest {
    private static final String PUBLIC = "10.81.0.";
    private static final String LAN = "10.82.0.";
    private static final int TERTIARY = 29999;
    private static final int STUN_PORT = 3478;
    private static final String NETWORK = """
            {"name":"mapped","private":true,"v4AssignMode":{"zt":true},
             "ipAssignmentPools":[{"ipRangeStart":"10.98.4.10","ipRangeEnd":"10.98.4.250"}],
             "routes":[{"target":"10.98.4.0/24"}]}""";
    private static final Pattern MAPPED = Pattern.compile("port mapping: (\\S+) mapped ([0-9.]+)/(\\d+) to UDP port (\\d+)");

    @TempDir
    Path dir;

    @Test
    void aMemberBehindAnIgdMapsItsTertiaryPortAndAPeerOutsideReachesItDirectlyThroughIt() throws Exception {
        String why = Lab.unavailableReason();
        if (why == null && !Files.isExecutable(Path.of("/usr/sbin/miniupnpd"))) {
            why = "miniupnpd is not installed: apt-get install miniupnpd-nftables (scripts/test.sh does as root)";
        }
        if (why == null && !Netns.onPath("nft")) why = "nft (nftables) is not installed";
        if (why == null && !Netns.onPath("ping")) why = "ping (iputils-ping) is not installed";
        Assumptions.assumeTrue(why == null, why);

        try (Lab lab = Lab.start(dir, PUBLIC, "mroot", "mpeer")) {
            ZtNode root = lab.root(), peer = lab.node("mpeer");
            String routerNs = lab.addHost("mrouter");
            String routerIp = lab.ip(3);
            ZtNode member = lab.addIsolatedNode("mmember", LAN + 2);
            wireBehindRouter(routerNs, member, peer.ip);
            Files.writeString(member.home.resolve("local.conf"), "{\"settings\":{\"tertiaryPort\":" + TERTIARY + "}}");

            Path stunLog = dir.resolve("stun.log");
            String testClasses = Path.of(StunResponder.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            lab.spawn(root.ns, stunLog, Daemons.JAVA, "-cp", testClasses, StunResponder.class.getName(), String.valueOf(STUN_PORT));
            Path igdLog = dir.resolve("miniupnpd.log");
            Supplier<String> describe = () -> lab.describe() + "\n--- miniupnpd ---\n" + Daemons.tail(igdLog, 40)
                    + "\n--- router rules ---\n" + routerRules(lab, routerNs);
            Await.until("the STUN responder", 60_000, 200, () -> Files.readString(stunLog).contains("STUN responder on"), describe);

            Process igd = startIgd(lab, routerNs, root.ip, igdLog, true);
            Await.until("miniupnpd to listen for PCP/NAT-PMP", 30_000, 200,
                    () -> Files.readString(igdLog).contains("Listening for NAT-PMP/PCP traffic on port 5351"), describe);
            lab.step("router up: miniupnpd with PCP/NAT-PMP and UPnP, STUN said it may forward");

            long firstStart = System.currentTimeMillis();
            member.start();
            awaitService(member, describe);
            lab.step(member + "'s service answers");
            int mapped = awaitMapping(lab, member, "PCP", routerIp, routerNs, describe);
            lab.awaitOnline(120_000);
            String nwid = root.post("/controller/network/" + root.address() + "______", NETWORK).path("id").asText();
            for (ZtNode m : List.of(peer, member)) {
                root.post("/controller/network/" + nwid + "/member/" + m.address(), "{\"authorized\":true}");
                assertEquals("200 join OK", m.cli("join", nwid).trim());
            }
            String memberIp = member.awaitManagedIpv4(nwid, describe);
            peer.awaitManagedIpv4(nwid, describe);

            JsonNode settings = member.get("/status").path("config").path("settings");
            assertEquals(TERTIARY, settings.path("tertiaryPort").asInt(), settings.toString());
            assertTrue(settings.path("portMappingEnabled").asBoolean(), settings.toString());
            assertTrue(settings.path("listeningOn").toString().contains(LAN + 2 + "/" + TERTIARY), settings.toString());
            awaitDirectPathAndPing(lab, peer, member, routerIp + "/" + mapped, memberIp, firstStart, describe);

            member.stop();
            Await.until("the mapping to be removed when the member stops", 30_000, 200,
                    () -> !routerRules(lab, routerNs).contains("dport " + mapped), describe);
            lab.step("member stopped: mapping removed from the router");

            igd.destroy();
            igd.waitFor();
            lab.exec(routerNs, "nft", "flush", "chain", "inet", "filter", "miniupnpd");
            lab.exec(routerNs, "nft", "flush", "chain", "inet", "filter", "prerouting_miniupnpd");
            lab.exec(routerNs, "nft", "flush", "chain", "inet", "filter", "postrouting_miniupnpd");
            Path igdLog2 = dir.resolve("miniupnpd-upnp-only.log");
            startIgd(lab, routerNs, root.ip, igdLog2, false);
            Await.until("miniupnpd (UPnP only) to listen", 30_000, 200,
                    () -> Files.readString(igdLog2).contains("HTTP listening on port"), describe);
            long secondStart = System.currentTimeMillis();
            member.start();
            awaitService(member, describe);
            lab.step(member + "'s service answers again");
            int mappedByUpnp = awaitMapping(lab, member, "UPnP", routerIp, routerNs, describe);
            if (Netns.onPath("upnpc")) {
                // upnpc's own discovery calls an IGD with a reserved external address "not connected": name it
                Matcher http = Pattern.compile("HTTP listening on port (\\d+)").matcher(Files.readString(igdLog2));
                assertTrue(http.find(), Daemons.tail(igdLog2, 40));
                String listed = member.exec("upnpc", "-u", "http://" + LAN + 1 + ":" + http.group(1) + "/rootDesc.xml", "-l");
                assertTrue(listed.contains("UDP " + mappedByUpnp + "->" + LAN + 2 + ":" + TERTIARY)
                        && listed.contains("ZeroTier/" + member.address() + "@" + TERTIARY), listed);
            }
            awaitDirectPathAndPing(lab, peer, member, routerIp + "/" + mappedByUpnp, memberIp, secondStart, describe);
            member.stop();
            Await.until("the UPnP mapping to be removed when the member stops", 30_000, 200,
                    () -> !routerRules(lab, routerNs).contains("dport " + mappedByUpnp), describe);
            lab.step("member stopped: UPnP mapping removed from the router");
        }
    }

    /**
     * R: public eth0 on the lab's bridge, lan0 to M's eth0; forwarding on; LAN traffic masqueraded; the filter and
     * NAT chains miniupnpd's nftables backend adds its rules to (what its nft_init.sh makes); and no new flow from
     * M to P.
     */
    private static void wireBehindRouter(String routerNs, ZtNode member, String peerIp) throws IOException {
        Netns.run("ip", "link", "add", "lan0", "netns", routerNs, "type", "veth", "peer", "name", "eth0", "netns", member.ns);
        member.exec("ip", "addr", "add", LAN + 2 + "/24", "dev", "eth0");
        member.exec("ip", "link", "set", "eth0", "up");
        member.exec("ip", "route", "add", "default", "via", LAN + 1);
        Netns.run("ip", "-n", routerNs, "addr", "add", LAN + 1 + "/24", "dev", "lan0");
        Netns.run("ip", "-n", routerNs, "link", "set", "lan0", "up");
        Netns.run("ip", "netns", "exec", routerNs, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        Path rules = member.home.resolveSibling("router.nft");
        Files.writeString(rules, """
                table inet filter {
                    chain forward {
                        type filter hook forward priority 0; policy drop;
                        ct state established,related accept
                        iifname "lan0" ip daddr %s ct state new drop
                        iifname "lan0" oifname "eth0" accept
                        jump miniupnpd
                    }
                    chain miniupnpd {
                    }
                    chain prerouting {
                        type nat hook prerouting priority -100; policy accept;
                        jump prerouting_miniupnpd
                    }
                    chain postrouting {
                        type nat hook postrouting priority 100; policy accept;
                        jump postrouting_miniupnpd
                        oifname "eth0" masquerade
                    }
                    chain prerouting_miniupnpd {
                    }
                    chain postrouting_miniupnpd {
                    }
                }
                """.formatted(peerIp));
        Netns.run("ip", "netns", "exec", routerNs, "nft", "-f", rules.toString());
    }

    /** miniupnpd in the router namespace, in the foreground; PCP/NAT-PMP on or off, UPnP IGD always on. */
    private Process startIgd(Lab lab, String routerNs, String stunIp, Path log, boolean pcp) throws IOException {
        String name = log.getFileName().toString().replace(".log", "");
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, """
                ext_ifname=eth0
                listening_ip=lan0
                http_port=0
                enable_natpmp=%s
                enable_upnp=yes
                secure_mode=yes
                system_uptime=yes
                uuid=3f1e2a4c-5b6d-4e7f-8a9b-0c1d2e3f4a5b
                ext_perform_stun=yes
                ext_stun_host=%s
                ext_stun_port=%d
                lease_file=%s
                allow 1024-65535 %s0/24 1024-65535
                deny 0-65535 0.0.0.0/0 0-65535
                """.formatted(pcp ? "yes" : "no", stunIp, STUN_PORT, dir.resolve(name + ".leases"), LAN));
        return lab.spawn(routerNs, log, "/usr/sbin/miniupnpd", "-d", "-f", conf.toString(),
                "-P", dir.resolve(name + ".pid").toString());
    }

    private static void awaitService(ZtNode node, Supplier<String> describe) throws InterruptedException {
        Await.until(node + "'s service to answer", 120_000, 200, () -> node.api("GET", "/status", null).status() == 200, describe);
    }

    /** Waits for the member's log to name a mapping by {@code protocol} and for it to be in R's rules; its port. */
    private static int awaitMapping(Lab lab, ZtNode member, String protocol, String routerIp, String routerNs,
                                    Supplier<String> describe) throws Exception {
        int[] port = new int[1];
        Await.until(member + " to map its tertiary port by " + protocol, 90_000, 500, () -> {
            Matcher m = MAPPED.matcher(Daemons.log(member.home));
            while (m.find()) {
                if (m.group(1).equals(protocol) && m.group(2).equals(routerIp) && m.group(4).equals(String.valueOf(TERTIARY))) {
                    port[0] = Integer.parseInt(m.group(3));
                }
            }
            return port[0] != 0;
        }, describe);
        String rules = routerRules(lab, routerNs);
        assertTrue(rules.contains("dport " + port[0]) && rules.contains("dnat ip to " + LAN + 2 + ":" + TERTIARY), rules);
        lab.step(member + " mapped " + routerIp + "/" + port[0] + " -> " + LAN + 2 + "/" + TERTIARY + " by " + protocol
                + "; in the router's rules");
        return port[0];
    }

    /**
     * P has a path to M at the mapped address that has carried traffic since {@code sinceMs} (M's start: not a path
     * left from before), and P pings M across the network.
     */
    private static void awaitDirectPathAndPing(Lab lab, ZtNode peer, ZtNode member, String mappedAddress, String memberIp,
                                               long sinceMs, Supplier<String> describe) throws Exception {
        String target = member.address();
        Await.until(peer + " to ping " + memberIp, 60_000, () -> peer.succeeds("ping", "-c", "1", "-W", "2", memberIp), describe);
        Await.until(peer + " to have a direct path to " + member + " at " + mappedAddress, 90_000, () -> {
            peer.succeeds("ping", "-c", "1", "-W", "1", memberIp); // traffic makes M push its addresses to P
            for (JsonNode path : peer.get("/peer/" + target).path("paths")) {
                if (path.path("address").asText().equals(mappedAddress) && path.path("lastReceive").asLong() > sinceMs) return true;
            }
            return false;
        }, () -> describe.get() + "\n" + peerPaths(peer, target));
        String out = peer.exec("ping", "-c", "3", "-i", "0.2", "-W", "2", memberIp);
        assertTrue(out.contains("3 received"), out);
        lab.step(peer + " has the direct path " + mappedAddress + " to " + member + " and pings it: " + peerPaths(peer, target));
    }

    private static String peerPaths(ZtNode peer, String target) {
        try {
            return "peer paths: " + peer.get("/peer/" + target).path("paths");
        } catch (IOException | RuntimeException e) {
            return "(no /peer answer: " + e.getMessage() + ")";
        }
    }

    private static String routerRules(Lab lab, String routerNs) {
        try {
            return lab.exec(routerNs, "nft", "list", "table", "inet", "filter");
        } catch (IOException e) {
            return "(nft failed: " + e.getMessage() + ")";
        }
    }}
