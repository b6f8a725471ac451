package net.ztj.systest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network as real Ethernet between real daemons (issue: virtual Ethernet on Linux): root, controller and two
 * members in namespaces; the members get their managed IPs on tap interfaces, ping each other over IPv4 and over
 * RFC 4193 IPv6, run iperf3 TCP for 10 s; a restarted member comes back with the same MAC and IPs; a deauthorized
 * member's traffic stops; leaving removes the interface and its routes.
 */
class VirtualEthernetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORK = """
            {"name":"ethernet","private":true,"v4AssignMode":{"zt":true},
             "ipAssignmentPools":[{"ipRangeStart":"10.99.2.10","ipRangeEnd":"10.99.2.250"}],
             "routes":[{"target":"10.99.2.0/24"},{"target":"192.168.212.0/24","via":"10.99.2.1"}],
             "v6AssignMode":{"rfc4193":true,"zt":false,"6plane":false}}""";

    @TempDir
    Path dir;

    @Test
    void membersTalkOverTheirTapInterfaces() throws Exception {
        String why = Lab.unavailableReason();
        if (why == null && !Netns.onPath("ping")) why = "ping (iputils-ping) is not installed";
        if (why == null && !Netns.onPath("iperf3")) why = "iperf3 is not installed";
        Assumptions.assumeTrue(why == null, why);
        try (Lab lab = Lab.start(dir, "10.79.0.", "vroot", "vctl", "va", "vb")) {
            ZtNode ctl = lab.node("vctl"), a = lab.node("va"), b = lab.node("vb");
            lab.awaitOnline(120_000);
            String nwid = ctl.post("/controller/network/" + ctl.address() + "______", NETWORK).path("id").asText();
            for (ZtNode m : List.of(a, b)) {
                ctl.post("/controller/network/" + nwid + "/member/" + m.address(), "{\"authorized\":true}");
                assertEquals("200 join OK", m.cli("join", nwid).trim());
            }
            for (ZtNode m : List.of(a, b)) awaitStatus(lab, m, nwid, "OK", 60_000);
            lab.step("both members OK on " + nwid);

            Port pa = awaitPort(lab, a, nwid), pb = awaitPort(lab, b, nwid);
            lab.step("interfaces: " + pa + " / " + pb);
            JsonNode link = JSON.readTree(a.exec("ip", "-j", "-d", "link", "show", "dev", pa.dev)).get(0);
            assertEquals(pa.mac, link.path("address").asText(), "the network's MAC on the tap");
            assertEquals(2800, link.path("mtu").asInt());
            assertTrue(link.path("flags").toString().contains("UP"), link.toString());
            String routes = a.exec("ip", "route", "show", "dev", pa.dev);
            assertTrue(routes.contains("10.99.2.0/24"), routes);
            assertTrue(routes.contains("192.168.212.0/24 via 10.99.2.1") && routes.contains("metric 5000"), routes);

            awaitPing(lab, a, pb.ipv4, 60_000);
            awaitPing(lab, b, pa.ipv4, 30_000);
            lab.step("IPv4 ping both ways");
            awaitPing(lab, a, pb.ipv6, 30_000);
            awaitPing(lab, b, pa.ipv6, 30_000);
            lab.step("IPv6 (RFC 4193) ping both ways");
            // link-local: no NDP emulation for it, so the solicitation travels as real multicast to the
            // solicited-node group B's kernel joined on its tap (learned from /proc/net/dev_mcast, announced by LIKE)
            String ll = b.exec("ip", "-6", "-o", "addr", "show", "dev", pb.dev, "scope", "link").trim().split("\\s+")[3];
            awaitPing(lab, a, ll.substring(0, ll.indexOf('/')) + "%" + pa.dev, 30_000);
            lab.step("IPv6 link-local ping (multicast neighbour discovery) " + ll);

            assertFalse(JSON.readTree(a.cli("set", nwid, "allowManaged=0")).path("allowManaged").asBoolean(true),
                    "set prints the network with its new setting");
            Await.until("va's managed addresses and routes to go with allowManaged=0", 10_000, () -> {
                String addrs = a.exec("ip", "-o", "addr", "show", "dev", pa.dev);
                return !addrs.contains(pa.ipv4) && !addrs.contains(pa.ipv6) && !a.exec("ip", "route", "show", "dev", pa.dev).contains("192.168.212.0/24");
            }, lab::describe);
            a.cli("set", nwid, "allowManaged=1");
            assertEquals(pa, awaitPort(lab, a, nwid), "addresses back with allowManaged=1");
            awaitPing(lab, a, pb.ipv4, 30_000);
            lab.step("allowManaged=0 removes the managed addresses and routes, =1 brings them back");

            Process server = b.spawn(dir.resolve("iperf3-server.log"), "iperf3", "-s", "-1", "-B", pb.ipv4);
            // the client starts once the server listens (a condition, not a pause)
            Await.until("iperf3 to listen on " + pb.ipv4 + ":5201", 10_000,
                    () -> b.exec("ss", "-Hltn", "sport = :5201").contains(pb.ipv4 + ":5201"), lab::describe);
            JsonNode result = JSON.readTree(a.exec("iperf3", "-c", pb.ipv4, "-t", "10", "-J"));
            server.waitFor(15, java.util.concurrent.TimeUnit.SECONDS);
            double bps = result.path("end").path("sum_received").path("bits_per_second").asDouble();
            assertTrue(bps > 0, result.toString());
            lab.step(String.format("iperf3 TCP 10 s: %.0f Mbit/s", bps / 1e6));

            b.stop();
            Await.until("vb's interface to go with its daemon", 20_000, () -> !b.succeeds("ip", "link", "show", "dev", pb.dev), lab::describe);
            // the receiver merged the stream's segments into super-frames (GRO); every frame from A fitted the MTU
            long[] bStats = offloadStats(b, pb.dev);
            assertTrue(bStats[1] > 0, "vb wrote no TCP super-frame: " + b.logTail(20));
            assertEquals(0, bStats[2], "frames over the MTU reached vb: " + b.logTail(20));
            lab.step("vb's tap: " + bStats[1] + " super-frames written");
            b.start();
            awaitStatus(lab, b, nwid, "OK", 60_000);
            Port again = awaitPort(lab, b, nwid);
            assertEquals(pb, again, "same interface, MAC and IPs after a restart");
            awaitPing(lab, a, pb.ipv4, 60_000);
            lab.step("vb restarted: " + again);

            ctl.post("/controller/network/" + nwid + "/member/" + b.address(), "{\"authorized\":false}");
            Await.until("vb's traffic to stop after its deauthorization", 30_000,
                    () -> !a.succeeds("ping", "-c", "2", "-W", "1", pb.ipv4), lab::describe);
            assertFalse(b.succeeds("ping", "-c", "2", "-W", "1", pa.ipv4));
            lab.step("vb deauthorized: no traffic either way");

            assertEquals("200 leave OK", a.cli("leave", nwid).trim());
            Await.until("va's interface to go on leave", 20_000, () -> !a.succeeds("ip", "link", "show", "dev", pa.dev), lab::describe);
            String after = a.exec("ip", "route", "show");
            assertFalse(after.contains("10.99.2.") || after.contains("192.168.212."), after);
            lab.step("va left: interface and routes gone");
            // the sender's kernel handed its tap TCP super-frames (TSO), cut into frames of the MTU
            long[] aStats = offloadStats(a, pa.dev);
            assertTrue(aStats[0] > 0, "va read no TCP super-frame: " + a.logTail(20));
            lab.step("va's tap: " + aStats[0] + " super-frames read");
        }
    }

    /**
     * From the line a daemon logs when it closes a port: TCP super-frames read, super-frames written, and frames over
     * the MTU dropped (the last such line for the device).
     */
    private static long[] offloadStats(ZtNode m, String dev) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(dev)
                + " closed: offloads on: (\\d+) TCP super-frames read .*?, (\\d+) written .*; (\\d+) frames over the MTU dropped");
        long[] found = null;
        for (String line : m.logTail(100_000).lines().toList()) {
            java.util.regex.Matcher x = p.matcher(line);
            if (x.find()) found = new long[] {Long.parseLong(x.group(1)), Long.parseLong(x.group(2)), Long.parseLong(x.group(3))};
        }
        assertNotNull(found, "no offload line for " + dev + " in " + m + "'s log: " + m.logTail(20));
        return found;
    }

    /** A member's port as the host sees it. */
    record Port(String dev, String mac, String ipv4, String ipv6) {}

    private static Port awaitPort(Lab lab, ZtNode m, String nwid) throws Exception {
        List<Port> found = new ArrayList<>();
        Await.until(m + " to have its managed addresses on its interface", 30_000, () -> {
            JsonNode net = m.get("/network/" + nwid);
            String dev = net.path("portDeviceName").asText();
            String v4 = null, v6 = null;
            for (JsonNode a : net.path("assignedAddresses")) {
                String ip = a.asText().substring(0, a.asText().indexOf('/'));
                if (ip.contains(":")) v6 = ip;
                else v4 = ip;
            }
            if (dev.isEmpty() || v4 == null || v6 == null || !m.succeeds("ip", "link", "show", "dev", dev)) return false;
            String addrs = m.exec("ip", "-o", "addr", "show", "dev", dev);
            if (!addrs.contains(v4 + "/24") || !addrs.contains(v6 + "/88") || addrs.contains("tentative")) return false;
            found.add(new Port(dev, net.path("mac").asText(), v4, v6));
            return true;
        }, lab::describe);
        return found.get(found.size() - 1);
    }

    private static void awaitPing(Lab lab, ZtNode from, String ip, long timeoutMs) throws Exception {
        Await.until(from + " to ping " + ip, timeoutMs, () -> from.succeeds("ping", "-c", "1", "-W", "2", ip), lab::describe);
        String out = from.exec("ping", "-c", "3", "-i", "0.2", "-W", "2", ip);
        assertTrue(out.contains("3 received"), out);
    }

    private static void awaitStatus(Lab lab, ZtNode m, String nwid, String status, long timeoutMs) throws Exception {
        Await.until(m + " to show " + nwid + " as " + status, timeoutMs,
                () -> status.equals(m.get("/network/" + nwid).path("status").asText()), lab::describe);
    }
}
