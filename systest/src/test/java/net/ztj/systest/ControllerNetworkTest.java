package net.ztj.systest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A private network run by the controller embedded in a real daemon, driven only through that daemon's HTTP API
 * ({@code /controller}) and zerotier-cli: a root (our genplanet), a controller node and two members, each daemon in
 * its own namespace on one bridge. The members join and are refused, are authorized and get their configuration
 * (pool IPv4 and RFC 4193 addresses), one is deauthorized and one leaves.
 */
class ControllerNetworkTest {
    /** Pool and route of the test network; the bridge itself is 10.78.0.0/24 (RootAndNodesTest uses 10.77.0.0/24). */
    private static final String NETWORK = """
            {"name":"systest","private":true,"v4AssignMode":{"zt":true},
             "ipAssignmentPools":[{"ipRangeStart":"10.99.1.10","ipRangeEnd":"10.99.1.250"}],
             "routes":[{"target":"10.99.1.0/24"}],
             "v6AssignMode":{"rfc4193":true,"zt":false,"6plane":false}}""";

    @TempDir
    Path dir;

    @Test
    void membersJoinAreAuthorizedDeauthorizedAndLeave() throws Exception {
        String why = Lab.unavailableReason();
        Assumptions.assumeTrue(why == null, why);
        try (Lab lab = Lab.start(dir, "10.78.0.", "planetroot", "ctl", "m1", "m2")) {
            ZtNode ctl = lab.node("ctl"), m1 = lab.node("m1"), m2 = lab.node("m2");
            List<ZtNode> members = List.of(m1, m2);
            lab.awaitOnline(120_000);
            lab.step("all daemons ONLINE");

            // the controller, through its API only
            JsonNode controller = ctl.get("/controller");
            assertTrue(controller.path("controller").asBoolean(), controller.toString());
            String ctlAddress = ctl.address();
            JsonNode created = ctl.post("/controller/network/" + ctlAddress + "______", NETWORK);
            String nwid = created.path("id").asText();
            assertTrue(nwid.matches(ctlAddress + "[0-9a-f]{6}"), "network id " + nwid + " of " + created);
            assertEquals(nwid, created.path("nwid").asText());
            assertEquals("systest", created.path("name").asText());
            assertTrue(created.path("private").asBoolean());
            assertTrue(containsText(ctl.get("/controller/network"), nwid));
            String memberList = "/controller/network/" + nwid + "/member";
            lab.step("network " + nwid + " created through the controller API");

            // join: refused while not authorized, and the controller now knows both members
            for (ZtNode m : members) assertEquals("200 join OK", m.cli("join", nwid).trim());
            for (ZtNode m : members) {
                awaitStatus(lab, m, nwid, "ACCESS_DENIED", 60_000);
                String line = listnetworksLine(m, nwid).orElseThrow();
                assertEquals("ACCESS_DENIED", line.split(" ")[5], line);
            }
            Await.until("the controller to list both members", 30_000, () -> {
                JsonNode ids = ctl.get(memberList);
                return ids.has(m1.address()) && ids.has(m2.address());
            }, lab::describe);
            lab.step("both members joined, ACCESS_DENIED, listed by the controller");
            for (ZtNode m : members) {
                JsonNode rec = ctl.get(memberList + "/" + m.address());
                assertFalse(rec.path("authorized").asBoolean(), rec.toString());
                assertEquals(m.address(), rec.path("address").asText());
            }

            // authorize both: each gets OK, PRIVATE, a pool IPv4 address and its RFC 4193 address
            for (ZtNode m : members) {
                JsonNode rec = ctl.post(memberList + "/" + m.address(), "{\"authorized\":true}");
                assertTrue(rec.path("authorized").asBoolean(), rec.toString());
            }
            List<String> v4s = new ArrayList<>();
            for (ZtNode m : members) {
                awaitStatus(lab, m, nwid, "OK", 30_000);
                String line = listnetworksLine(m, nwid).orElseThrow();
                String[] f = line.split(" ");
                assertEquals(9, f.length, line);
                assertEquals("systest", f[3], line);
                assertEquals("OK", f[5], line);
                assertEquals("PRIVATE", f[6], line);
                String v4 = null;
                boolean rfc4193 = false;
                for (String a : f[8].split(",")) {
                    String ip = a.substring(0, a.indexOf('/'));
                    int bits = Integer.parseInt(a.substring(a.indexOf('/') + 1));
                    byte[] raw = InetAddress.getByName(ip).getAddress();
                    if (raw.length == 4) {
                        assertEquals(null, v4, "two IPv4 addresses: " + line);
                        v4 = ip;
                        assertEquals(24, bits, line);
                        assertTrue(ip.startsWith("10.99.1."), line);
                        int last = Integer.parseInt(ip.substring("10.99.1.".length()));
                        assertTrue(last >= 10 && last <= 250, "outside the pool: " + line);
                    } else {
                        assertTrue(java.util.Arrays.equals(rfc4193(nwid, m.address()), raw), "not the RFC 4193 address: " + line);
                        assertEquals(88, bits, line);
                        rfc4193 = true;
                    }
                }
                assertTrue(v4 != null && rfc4193, "want a pool IPv4 and the RFC 4193 address: " + line);
                v4s.add(v4);

                JsonNode nets = m.cliJson("listnetworks");
                JsonNode n = find(nets, nwid).orElseThrow(() -> new AssertionError("-j listnetworks: " + nets));
                assertEquals("OK", n.path("status").asText());
                assertEquals("PRIVATE", n.path("type").asText());
                assertTrue(containsText(n.path("assignedAddresses"), v4 + "/24"), n.toString());
                assertEquals(2, n.path("assignedAddresses").size(), n.toString());

                JsonNode rec = ctl.get(memberList + "/" + m.address());
                assertTrue(rec.path("authorized").asBoolean(), rec.toString());
                assertTrue(containsText(rec.path("ipAssignments"), v4), rec.toString());
            }
            assertFalse(v4s.get(0).equals(v4s.get(1)), "both members got " + v4s.get(0));
            lab.step("both members authorized and configured: " + v4s);

            // deauthorize m2: what the controller records. Its certificate is revoked at once at every online member
            // (spec 04 §10.3, VirtualEthernetTest shows its traffic stopping); m2 itself, as with ZeroTier One, is
            // only told at its next configuration request, a minute after its last one (spec 03 §7.1).
            long revision = ctl.get(memberList + "/" + m2.address()).path("revision").asLong();
            JsonNode deauth = ctl.post(memberList + "/" + m2.address(), "{\"authorized\":false}");
            assertFalse(deauth.path("authorized").asBoolean(), deauth.toString());
            assertTrue(deauth.path("revision").asLong() > revision, "revision not bumped: " + revision + " -> " + deauth);
            JsonNode stored = ctl.get(memberList + "/" + m2.address());
            assertFalse(stored.path("authorized").asBoolean(), stored.toString());
            assertEquals(deauth.path("revision").asLong(), stored.path("revision").asLong());
            assertEquals(stored.path("revision").asLong(), ctl.get(memberList).path(m2.address()).asLong());

            lab.step("m2 deauthorized at the controller");
            // m1 leaves
            assertEquals("200 leave OK", m1.cli("leave", nwid).trim());
            assertTrue(listnetworksLine(m1, nwid).isEmpty(), m1.cli("listnetworks"));
            assertTrue(find(m1.cliJson("listnetworks"), nwid).isEmpty());

            lab.step("m1 left");
            // m2, deauthorized, is refused at its next request
            awaitStatus(lab, m2, nwid, "ACCESS_DENIED", 150_000);
            String line = listnetworksLine(m2, nwid).orElseThrow();
            assertEquals("ACCESS_DENIED", line.split(" ")[5], line);
            lab.step("m2 ACCESS_DENIED: " + line);
        }
    }

    /** Waits until the member's API reports that status for the network (polling the API, not the CLI: cheaper). */
    static void awaitStatus(Lab lab, ZtNode m, String nwid, String status, long timeoutMs) throws Exception {
        Await.until(m + " to show " + nwid + " as " + status, timeoutMs,
                () -> status.equals(m.get("/network/" + nwid).path("status").asText()), lab::describe);
    }

    /** The {@code zerotier-cli listnetworks} line of that network, if listed. */
    static Optional<String> listnetworksLine(ZtNode m, String nwid) throws IOException {
        String out = m.cli("listnetworks");
        assertTrue(out.startsWith("200 listnetworks <nwid> <name> <mac> <status> <type> <dev> <ZT assigned ips>"), out);
        return out.lines().filter(l -> l.startsWith("200 listnetworks " + nwid + " ")).findFirst();
    }

    private static Optional<JsonNode> find(JsonNode networks, String nwid) {
        assertTrue(networks.isArray(), networks.toString());
        for (JsonNode n : networks) if (nwid.equals(n.path("nwid").asText())) return Optional.of(n);
        return Optional.empty();
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode e : array) if (text.equals(e.asText())) return true;
        return false;
    }

    /** fd, the network id, 99 93, the member's address (spec 02: the RFC 4193 address of a member). */
    private static byte[] rfc4193(String nwid, String address) {
        return HexFormat.of().parseHex("fd" + nwid + "9993" + address);
    }
}
