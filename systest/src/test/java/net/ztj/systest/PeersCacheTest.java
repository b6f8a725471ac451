package net.ztj.systest;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * peers.d as ZeroTier One keeps it: member A, direct with member B, is stopped (and writes {@code peers.d/<B>.peer}),
 * the root is stopped too, and A started again reaches B directly from its cache, with no root to ask.
 */
class PeersCacheTest {
    private static final String NETWORK = """
            {"name":"cache","private":true,"v4AssignMode":{"zt":true},
             "ipAssignmentPools":[{"ipRangeStart":"10.96.5.10","ipRangeEnd":"10.96.5.250"}],
             "routes":[{"target":"10.96.5.0/24"}]}""";

    @TempDir
    Path dir;

    @Test
    void aRestartedMemberReachesAKnownPeerWithoutItsRoot() throws Exception {
        String why = Lab.unavailableReason();
        if (why == null && !Netns.onPath("ping")) why = "ping (iputils-ping) is not installed";
        Assumptions.assumeTrue(why == null, why);
        try (Lab lab = Lab.start(dir, "10.81.0.", "croot", "ca", "cb")) {
            ZtNode root = lab.root(), a = lab.node("ca"), b = lab.node("cb");
            lab.awaitOnline(120_000);
            String nwid = root.post("/controller/network/" + root.address() + "______", NETWORK).path("id").asText();
            for (ZtNode m : List.of(a, b)) {
                root.post("/controller/network/" + nwid + "/member/" + m.address(), "{\"authorized\":true}");
                m.post("/network/" + nwid, "{}");
            }
            String ipB = b.awaitManagedIpv4(nwid, 90_000, lab::describe);
            a.awaitManagedIpv4(nwid, 90_000, lab::describe);
            Await.until("a ping from A to B", 60_000, () -> a.succeeds("ping", "-c", "1", "-W", "2", ipB), lab::describe);
            Await.until("A direct with B", 60_000, () -> !NatLab.paths(a, b).isEmpty(), lab::describe);
            lab.step("A and B direct: " + NatLab.paths(a, b));

            a.stop();
            Path cached = a.home.resolve("peers.d").resolve(b.address() + ".peer");
            assertTrue(Files.isRegularFile(cached), "A wrote " + cached);
            lab.step("A stopped; peers.d holds " + Files.size(cached) + " bytes for B");
            root.stop();
            long t0 = System.nanoTime();
            a.start();
            Await.until("A, restarted without a root, direct with B again", 60_000, 200,
                    () -> !NatLab.paths(a, b).isEmpty(), lab::describe);
            lab.step(String.format("A direct with B %.1f s after its restart, the root down: %s",
                    (System.nanoTime() - t0) / 1e9, NatLab.paths(a, b)));
            assertTrue(!a.get("/status").path("online").asBoolean(), "no root: A is not ONLINE, yet it reaches B");
        }
    }
}
