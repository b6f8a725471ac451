package net.ztj.systest;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NAT traversal between two members each behind its own Linux NAT router ({@link NatLab}), issue 11: from the
 * first ping between them, the time until both list a direct path to each other, per topology. Both routers
 * port-preserving, and one port-preserving with one {@code fully-random} (symmetric): the members get direct (the
 * deadlines asserted are reachability bounds; the measured times are printed and recorded in docs/networking.md).
 * Both symmetric: the traffic stays relayed through the root and keeps flowing, and the members know each other's
 * version (from a HELLO relayed through the root), so they armor with AES-GMAC-SIV.
 *
 * <p>With {@code -Dztj.nat.other=<zerotier-one executable>} the members run that program (ZeroTier One 1.14) instead
 * of ours, and {@link #measureOther} prints its times for the same topologies (nothing is asserted of it).
 */
class NatTraversalTest {
    @TempDir
    Path dir;

    @Test
    void bothPortPreservingGoDirect() throws Exception {
        long ms = timeToDirect(NatLab.Nat.PRESERVING, NatLab.Nat.PRESERVING, null, 30_000);
        assertTrue(ms >= 0, "no direct path within 30 s");
    }

    @Test
    void symmetricAndPortPreservingGoDirect() throws Exception {
        long ms = timeToDirect(NatLab.Nat.RANDOM, NatLab.Nat.PRESERVING, null, 60_000);
        assertTrue(ms >= 0, "no direct path within 60 s");
    }

    @Test
    void bothSymmetricStayRelayedAndKeepWorking() throws Exception {
        String why = NatLab.unavailableReason();
        Assumptions.assumeTrue(why == null, why);
        try (NatLab lab = NatLab.start(dir, NatLab.Nat.RANDOM, NatLab.Nat.RANDOM, null)) {
            String[] ips = lab.join();
            Await.until("a ping from A to B", 60_000, () -> lab.a.succeeds("ping", "-c", "1", "-W", "2", ips[1]), lab.describer());
            lab.step("relayed ping works");
            for (ZtNode[] pair : new ZtNode[][] {{lab.a, lab.b}, {lab.b, lab.a}}) {
                // learned from the HELLO relayed through the root: with protocol 12 known, both armor with AES-GMAC-SIV
                var peer = pair[0].get("/peer/" + pair[1].address());
                assertTrue(peer.path("versionMajor").asInt(-1) >= 1 && NatLab.paths(pair[0], pair[1]).isEmpty(),
                        pair[0] + " knows the version of " + pair[1] + ", relayed: " + peer);
            }
            String out = lab.a.exec("ping", "-c", "50", "-i", "0.2", "-W", "2", ips[1]);
            lab.step("relayed: " + summary(out));
            assertTrue(out.contains(" 0% packet loss"), out);
            if (Netns.onPath("iperf3")) {
                lab.b.spawn(dir.resolve("iperf3-server.log"), "iperf3", "-s", "-1");
                String[] result = new String[1];
                Await.until("an iperf3 run from A to B", 30_000, () -> {
                    result[0] = lab.a.exec("iperf3", "-c", ips[1], "-t", "5");
                    return true;
                }, lab.describer());
                lab.step("relayed iperf3 (TCP, 1 stream, 5 s):\n" + result[0].lines()
                        .filter(l -> l.contains("sender") || l.contains("receiver")).reduce("", (x, y) -> x + y + "\n"));
            }
            String state = lab.conntrack();
            lab.step("after the relayed run:\n" + state);
            out = lab.a.exec("ping", "-c", "10", "-i", "0.2", "-W", "2", ips[1]);
            assertTrue(out.contains(" 0% packet loss"), "still working after probing:\n" + out);
        }
    }

    @Test
    void addressChangeDuringPingRecovers() throws Exception {
        long ms = recoveryAfterAddressChange(null, 30_000, dir);
        assertTrue(ms >= 0, "ping did not resume within 30 s of the address change");
    }

    /**
     * Both routers port-preserving: once A and B are direct, A's LAN address changes while A pings B every 0.2 s;
     * returns the milliseconds from the change to the first reply after it, or -1 after {@code timeoutMs}.
     */
    private long recoveryAfterAddressChange(Path members, long timeoutMs, Path home) throws Exception {
        String why = NatLab.unavailableReason();
        Assumptions.assumeTrue(why == null, why);
        try (NatLab lab = NatLab.start(home, NatLab.Nat.PRESERVING, NatLab.Nat.PRESERVING, members)) {
            String[] ips = lab.join();
            lab.a.spawn(home.resolve("ping-before.log"), "ping", "-i", "0.2", ips[1]);
            Await.until("a direct path between A and B", 120_000, 200, lab::direct, lab.describer());
            lab.step("direct: A's paths to B " + NatLab.paths(lab.a, lab.b) + ", B's to A " + NatLab.paths(lab.b, lab.a));
            long t0 = System.nanoTime();
            lab.renumberA("3");
            long ms = -1;
            while ((System.nanoTime() - t0) / 1_000_000 < timeoutMs) {
                if (lab.a.succeeds("ping", "-c", "1", "-W", "1", ips[1])) {
                    ms = (System.nanoTime() - t0) / 1_000_000;
                    break;
                }
            }
            lab.step(String.format("%s: A's address changed; ping %s", members == null ? "ours" : "other",
                    ms < 0 ? "still failing after " + timeoutMs + " ms" : "answered again after " + ms + " ms"));
            lab.step("A's log:\n" + lab.a.logTail(5));
            if (ms >= 0) {
                String out = lab.a.exec("ping", "-c", "10", "-i", "0.2", "-W", "2", ips[1]);
                lab.step("after the change: " + summary(out));
            } else {
                System.out.println(lab.describe());
            }
            return ms;
        }
    }

    /** ZeroTier One's recovery after an address change, for docs/networking.md (nothing asserted of it). */
    @Test
    void measureOtherRecovery() throws Exception {
        String other = System.getProperty("ztj.nat.other", "");
        Assumptions.assumeTrue(!other.isBlank(), "set -Dztj.nat.other=<zerotier-one executable> to measure it");
        long ms = recoveryAfterAddressChange(Path.of(other), Long.getLong("ztj.nat.otherTimeoutMs", 120_000), dir);
        System.out.printf("ZeroTier One, address change: %s%n", ms < 0 ? "no reply within the timeout" : "replies again after " + ms + " ms");
    }

    /** ZeroTier One's times on the same topologies, for the comparison in docs/networking.md. */
    @Test
    void measureOther() throws Exception {
        String other = System.getProperty("ztj.nat.other", "");
        Assumptions.assumeTrue(!other.isBlank(), "set -Dztj.nat.other=<zerotier-one executable> to measure it");
        long timeout = Long.getLong("ztj.nat.otherTimeoutMs", 120_000);
        NatLab.Nat[][] topologies = {
                {NatLab.Nat.PRESERVING, NatLab.Nat.PRESERVING},
                {NatLab.Nat.RANDOM, NatLab.Nat.PRESERVING},
                {NatLab.Nat.RANDOM, NatLab.Nat.RANDOM}};
        int n = 0;
        for (NatLab.Nat[] t : topologies) {
            Path sub = dir.resolve("run" + ++n);
            java.nio.file.Files.createDirectories(sub);
            long ms = timeToDirect(t[0], t[1], Path.of(other), timeout, sub);
            System.out.printf("ZeroTier One, %s + %s: %s%n", t[0], t[1], ms < 0 ? "relayed after " + timeout + " ms" : "direct after " + ms + " ms");
        }
    }

    private long timeToDirect(NatLab.Nat natA, NatLab.Nat natB, Path members, long timeoutMs) throws Exception {
        return timeToDirect(natA, natB, members, timeoutMs, dir);
    }

    /**
     * Starts a ping from A to B every 0.2 s and polls both members' peer lists until each lists a path to the other;
     * returns the milliseconds from the ping's start, or -1 after {@code timeoutMs}. Prints the routers' connection
     * tracking at the end either way.
     */
    private long timeToDirect(NatLab.Nat natA, NatLab.Nat natB, Path members, long timeoutMs, Path home) throws Exception {
        String why = NatLab.unavailableReason();
        Assumptions.assumeTrue(why == null, why);
        try (NatLab lab = NatLab.start(home, natA, natB, members)) {
            String[] ips = lab.join();
            lab.step("members joined: A " + ips[0] + ", B " + ips[1] + "; pinging B from A every 0.2 s");
            long t0 = System.nanoTime();
            lab.a.spawn(home.resolve("ping.log"), "ping", "-i", "0.2", ips[1]);
            long ms = -1;
            boolean early = false;
            while ((System.nanoTime() - t0) / 1_000_000 < timeoutMs) {
                if (!early && (System.nanoTime() - t0) / 1_000_000 > 2_500) {
                    early = true;
                    lab.step("2.5 s after the first ping:\n" + lab.conntrack());
                }
                if (lab.direct()) {
                    ms = (System.nanoTime() - t0) / 1_000_000;
                    break;
                }
                Thread.sleep(100);
            }
            String kind = members == null ? "ours" : "other";
            lab.step(String.format("%s, A %s + B %s: %s; A's paths to B %s, B's to A %s", kind, natA, natB,
                    ms < 0 ? "still relayed after " + timeoutMs + " ms" : "direct after " + ms + " ms",
                    NatLab.paths(lab.a, lab.b), NatLab.paths(lab.b, lab.a)));
            lab.step("\n" + lab.conntrack());
            if (ms >= 0) {
                String out = lab.a.exec("ping", "-c", "5", "-i", "0.2", "-W", "2", ips[1]);
                assertTrue(out.contains(" 0% packet loss"), out);
                lab.step("direct: " + summary(out));
            } else if (members == null) {
                System.out.println(lab.describe());
            }
            return ms;
        }
    }

    private static String summary(String ping) {
        return ping.lines().filter(l -> l.contains("packet loss") || l.startsWith("rtt")).reduce("", (x, y) -> x + y + "; ");
    }
}
