package net.ztj.systest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names of members served by the controller's node (issue 14): a root, a controller node that is a member of its own
 * network (with {@code settings.dns.autoServers}, so it pushes its own address as the DNS server) and two members.
 * From member A, {@code dig @<controller's address in the network>} finds member B by name and by address, over UDP
 * and TCP, and its PTR; a rename is answered at once; a deauthorized member's names stop resolving.
 *
 * <p>With {@code -Dztj.ref=<folder>} naming a folder that holds ZeroTier One 1.14's {@code zerotier-one}, a member
 * run by it joins as well, with allowDNS: its {@code /network} shows the pushed domain and server, and dig from its
 * namespace resolves our names (and ours resolve it).
 */
class MemberDnsTest {
    private static final String NETWORK = """
            {"name":"dnstest","private":true,"v4AssignMode":{"zt":true},
             "ipAssignmentPools":[{"ipRangeStart":"10.99.6.10","ipRangeEnd":"10.99.6.250"}],
             "routes":[{"target":"10.99.6.0/24"}],
             "v6AssignMode":{"rfc4193":true,"zt":false,"6plane":false},
             "dns":{"domain":"zt.test","servers":[]}}""";

    @TempDir
    Path dir;

    @Test
    void membersResolveEachOtherByNameThroughTheControllersNode() throws Exception {
        String why = Lab.unavailableReason();
        Assumptions.assumeTrue(why == null, why);
        Assumptions.assumeTrue(Netns.onPath("dig"), "dig is not installed (apt-get install dnsutils)");
        Lab.Setup setup = node -> {
            if (node.name.equals("dctl")) {
                Files.writeString(node.home.resolve("local.conf"), "{\"settings\":{\"dns\":{\"autoServers\":true}}}");
            }
        };
        try (Lab lab = Lab.start(dir, "10.86.0.", setup, "droot", "dctl", "da", "db")) {
            ZtNode ctl = lab.node("dctl"), a = lab.node("da"), b = lab.node("db");
            String refFolder = System.getProperty("ztj.ref", "");
            ZtNode ref = refFolder.isBlank() ? null
                    : lab.addForeignNode("dzt", dir, Path.of(refFolder).resolve("zerotier-one"));
            lab.awaitOnline(120_000);
            if (ref != null) {
                Await.until("ZeroTier One ONLINE", 120_000, () -> ref.get("/status").path("online").asBoolean(),
                        lab::describe);
                lab.step("ZeroTier One " + ref.get("/status").path("version").asText() + " member ONLINE");
            }
            String nwid = ctl.post("/controller/network/" + ctl.address() + "______", NETWORK).path("id").asText();
            String members = "/controller/network/" + nwid + "/member/";
            lab.step("network " + nwid + " with dns.domain zt.test");

            // the controller's node joins first, so the members' first configuration already names it as server
            assertEquals("200 join OK", ctl.cli("join", nwid).trim());
            Await.until("the controller to know its own node", 60_000,
                    () -> ctl.get("/controller/network/" + nwid + "/member").has(ctl.address()), lab::describe);
            ctl.post(members + ctl.address(), "{\"authorized\":true,\"name\":\"controller\"}");
            String ctlIp = awaitIpv4(lab, ctl, nwid);
            lab.step("controller node configured: " + ctlIp);

            for (ZtNode m : List.of(a, b)) assertEquals("200 join OK", m.cli("join", nwid).trim());
            Await.until("the controller to list both members", 60_000, () -> {
                JsonNode ids = ctl.get("/controller/network/" + nwid + "/member");
                return ids.has(a.address()) && ids.has(b.address());
            }, lab::describe);
            ctl.post(members + a.address(), "{\"authorized\":true,\"name\":\"Member A\"}");
            ctl.post(members + b.address(), "{\"authorized\":true,\"name\":\"Member B\"}");
            String bIp = awaitIpv4(lab, b, nwid);
            awaitIpv4(lab, a, nwid);
            JsonNode dns = a.get("/network/" + nwid).path("dns");
            assertEquals("zt.test", dns.path("domain").asText(), dns.toString());
            assertTrue(containsText(dns.path("servers"), ctlIp), "the controller's own address pushed: " + dns);
            lab.step("members configured, DNS pushed: " + dns);
            a.post("/network/" + nwid, "{\"allowDNS\":true}");
            Await.until("A to say once why the DNS settings are not applied", 30_000,
                    () -> Daemons.log(a.home).contains("DNS: not applying the pushed DNS settings (zt.test via "),
                    lab::describe);

            Await.until("the controller's node to answer for member-b", 60_000,
                    () -> dig(a, ctlIp, "member-b.zt.test", "A").equals(List.of(bIp)), lab::describe);
            assertEquals(List.of(bIp), dig(a, ctlIp, b.address() + ".zt.test", "A"));
            assertEquals(List.of(bIp), dig(a, ctlIp, "member-b.zt.test", "A", "+tcp"));
            List<String> v6 = dig(a, ctlIp, "member-b.zt.test", "AAAA");
            assertEquals(1, v6.size(), v6.toString());
            String bV6 = v6.getFirst();
            assertTrue(java.util.Arrays.equals(java.util.HexFormat.of().parseHex("fd" + nwid + "9993" + b.address()),
                    java.net.InetAddress.getByName(bV6).getAddress()), "not B's RFC 4193 address: " + bV6);
            assertEquals(List.of("member-b.zt.test.", b.address() + ".zt.test."), dig(a, ctlIp, "-x", bIp));
            assertEquals("NXDOMAIN", status(a, ctlIp, "nobody.zt.test"));
            assertEquals("REFUSED", status(a, ctlIp, "example.com"));
            lab.step("dig @" + ctlIp + " from A: member-b.zt.test -> " + bIp + ", " + bV6);

            if (ref != null) checkZeroTierOneMember(lab, ctl, a, ref, nwid, ctlIp, members);

            ctl.post(members + b.address(), "{\"name\":\"Bravo\"}");
            assertEquals(List.of(bIp), dig(a, ctlIp, "bravo.zt.test", "A"), "the new name at once");
            assertEquals("NXDOMAIN", status(a, ctlIp, "member-b.zt.test"), "the old name gone at once");
            lab.step("renamed: bravo.zt.test answers, member-b.zt.test is NXDOMAIN");

            ctl.post(members + b.address(), "{\"authorized\":false}");
            assertEquals("NXDOMAIN", status(a, ctlIp, "bravo.zt.test"));
            assertEquals("NXDOMAIN", status(a, ctlIp, b.address() + ".zt.test"));
            lab.step("deauthorized: bravo.zt.test is NXDOMAIN");

            assertEquals("200 leave OK", ctl.cli("leave", nwid).trim());
            Await.until("the controller's node to stop answering on " + ctlIp, 30_000,
                    () -> !ctl.exec("ss", "-lnu").contains(ctlIp + ":53"), lab::describe);
            lab.step("the controller's node left its network: no longer listening on " + ctlIp + ":53");
        }
    }

    /** Acceptance 2 of issue 14: ZeroTier One 1.14 as a member with allowDNS gets the settings and resolves names. */
    private static void checkZeroTierOneMember(Lab lab, ZtNode ctl, ZtNode a, ZtNode ref, String nwid, String ctlIp,
                                               String members) throws Exception {
        ref.post("/network/" + nwid, "{\"allowDNS\":true}");
        Await.until("the controller to list ZeroTier One's node", 60_000,
                () -> ctl.get("/controller/network/" + nwid + "/member").has(ref.address()), lab::describe);
        ctl.post(members + ref.address(), "{\"authorized\":true,\"name\":\"ZeroTier One\"}");
        String refIp = awaitIpv4(lab, ref, nwid);
        JsonNode n = ref.get("/network/" + nwid);
        lab.step("ZeroTier One's /network: allowDNS " + n.path("allowDNS") + ", dns " + n.path("dns"));
        assertTrue(n.path("allowDNS").asBoolean(), n.toString());
        assertEquals("zt.test", n.path("dns").path("domain").asText(), n.toString());
        assertTrue(containsText(n.path("dns").path("servers"), ctlIp), n.toString());
        String aIp = awaitIpv4(lab, a, nwid);
        assertEquals(List.of(aIp), dig(ref, ctlIp, "member-a.zt.test", "A"));
        assertEquals(List.of(refIp), dig(a, ctlIp, "zerotier-one.zt.test", "A"));
        lab.step("ZeroTier One resolves member-a.zt.test -> " + aIp + "; A resolves zerotier-one.zt.test -> " + refIp);
    }

    /** The member's IPv4 address in the network, once it is on its interface. */
    private static String awaitIpv4(Lab lab, ZtNode m, String nwid) throws Exception {
        String[] found = new String[1];
        Await.until(m + " to get its IPv4 address on its interface", 60_000, () -> {
            JsonNode n = m.get("/network/" + nwid);
            if (!"OK".equals(n.path("status").asText())) return false;
            for (JsonNode addr : n.path("assignedAddresses")) {
                String t = addr.asText();
                if (t.startsWith("10.99.6.") && m.exec("ip", "-o", "-4", "addr", "show").contains(t)) {
                    found[0] = t.substring(0, t.indexOf('/'));
                    return true;
                }
            }
            return false;
        }, lab::describe);
        return found[0];
    }

    /** The answers dig prints with +short (empty when none). */
    private static List<String> dig(ZtNode from, String server, String... query) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("dig", "+short", "+time=2", "+tries=1", "@" + server));
        cmd.addAll(List.of(query));
        return from.exec(cmd.toArray(String[]::new)).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** The status of dig's answer header: NOERROR, NXDOMAIN, REFUSED... */
    private static String status(ZtNode from, String server, String name) throws Exception {
        String out = from.exec("dig", "+time=2", "+tries=1", "@" + server, name, "A");
        int at = out.indexOf("status: ");
        if (at < 0) throw new AssertionError("no status in: " + out);
        return out.substring(at + 8, out.indexOf(',', at));
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode e : array) if (text.equals(e.asText())) return true;
        return false;
    }
}
