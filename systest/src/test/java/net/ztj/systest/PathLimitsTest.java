package net.ztj.systest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * local.conf's path limits between real daemons: A and B share the lab's bridge (10.86.0.0/24, where the root is)
 * and a second link of their own (10.87.0.0/24) that nobody else knows. B's {@code virtual.<A>.blacklist} keeps it
 * off the bridge for A, and {@code virtual.<A>.try} names A's address on the second link: B's only direct path to A
 * is the one it was told to try. Then A restarts with {@code physical."10.87.0.0/24".blacklist}: what B sends on
 * the second link still arrives and is accepted (as in ZeroTier One, a blacklist limits the paths a node learns and
 * uses, not what it receives), but A learns no path there and answers over the bridge (B's limit is B's alone).
 */
class PathLimitsTest {
    private static final String NETWORK = """
            {"name":"limits","private":true,"v4AssignMode":{"zt":true},
             "ipAssignmentPools":[{"ipRangeStart":"10.96.8.10","ipRangeEnd":"10.96.8.250"}],
             "routes":[{"target":"10.96.8.0/24"}]}""";
    private static final String A_LINK = "10.87.0.1", B_LINK = "10.87.0.2";

    @TempDir
    Path dir;

    @Test
    void virtualBlacklistAndTryThenPhysicalBlacklist() throws Exception {
        String why = Lab.unavailableReason();
        if (why == null && !Netns.onPath("ping")) why = "ping (iputils-ping) is not installed";
        if (why == null && !Netns.onPath("tcpdump")) why = "tcpdump is not installed";
        Assumptions.assumeTrue(why == null, why);
        Lab.Setup setup = node -> {
            if (!node.name.equals("lb")) return;
            String a = Files.readString(node.home.resolveSibling("la").resolve("identity.public")).substring(0, 10);
            String aNs = node.ns.substring(0, node.ns.length() - "lb".length()) + "la";
            Netns.link(aNs, "eth1", node.ns, "eth1");
            Netns.run("ip", "-n", aNs, "addr", "add", A_LINK + "/24", "dev", "eth1");
            Netns.run("ip", "-n", node.ns, "addr", "add", B_LINK + "/24", "dev", "eth1");
            Files.writeString(node.home.resolve("local.conf"), "{\"virtual\":{\"" + a
                    + "\":{\"blacklist\":[\"10.86.0.0/24\"],\"try\":[\"" + A_LINK + "/9993\"]}}}");
        };
        try (Lab lab = Lab.start(dir, "10.86.0.", setup, "lroot", "la", "lb")) {
            ZtNode root = lab.root(), a = lab.node("la"), b = lab.node("lb");
            lab.awaitOnline(120_000);
            String nwid = root.post("/controller/network/" + root.address() + "______", NETWORK).path("id").asText();
            for (ZtNode m : List.of(a, b)) m.post("/network/" + nwid, "{}");
            for (ZtNode m : List.of(a, b)) {
                Await.until("the controller to list " + m, 60_000,
                        () -> root.get("/controller/network/" + nwid + "/member").has(m.address()), lab::describe);
                root.post("/controller/network/" + nwid + "/member/" + m.address(), "{\"authorized\":true}");
            }
            String ipA = a.awaitManagedIpv4(nwid, 90_000, lab::describe);
            String ipB = b.awaitManagedIpv4(nwid, 90_000, lab::describe);

            Await.until("B direct with A at the address it was told to try", 90_000, () -> {
                b.succeeds("ping", "-c", "1", "-W", "2", ipA);
                return activePaths(b, a.address()).contains(A_LINK + "/9993");
            }, lab::describe);
            lab.step("B's paths to A: " + activePaths(b, a.address()) + "; A's to B: " + activePaths(a, b.address()));
            assertTrue(activePaths(b, a.address()).stream().noneMatch(p -> p.startsWith("10.86.0.")),
                    "B never uses the blacklisted bridge for A: " + activePaths(b, a.address()));
            assertTrue(a.succeeds("ping", "-c", "3", "-W", "2", ipB), "A pings B");

            a.stop();
            Files.writeString(a.home.resolve("local.conf"), "{\"physical\":{\"10.87.0.0/24\":{\"blacklist\":true}}}");
            a.start();
            Await.until("A ONLINE again", 90_000, () -> a.get("/status").path("online").asBoolean(), lab::describe);
            Process fromB = a.spawn(dir.resolve("from-b.log"), "tcpdump", "-n", "-l", "-i", "eth1", "-c", "3",
                    "udp and src host " + B_LINK + " and dst port 9993");
            Await.until("B's packets reaching A on the blacklisted link while A pings B", 120_000,
                    () -> a.succeeds("ping", "-c", "1", "-W", "2", ipB) && !fromB.isAlive(), lab::describe);
            Await.until("B pinging A again", 120_000, () -> b.succeeds("ping", "-c", "1", "-W", "2", ipA), lab::describe);
            lab.step("A after the restart: paths to B " + activePaths(a, b.address()) + "; B's paths to A "
                    + activePaths(b, a.address()));
            assertEquals(List.of(), activePaths(a, b.address()).stream().filter(p -> p.startsWith("10.87.")).toList(),
                    "A keeps no path to B on the blacklisted link");
            assertTrue(a.succeeds("ping", "-c", "3", "-W", "2", ipB), "A pings B");
        }
    }

    /** The addresses of the peer's paths that are active and not expired, as /peer lists them. */
    private static List<String> activePaths(ZtNode at, String peer) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode p : at.get("/peer/" + peer).path("paths")) {
            if (p.path("active").asBoolean(true) && !p.path("expired").asBoolean(false)) out.add(p.path("address").asText());
        }
        return out;
    }
}
