package net.ztj.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Managed addresses and routes through rtnetlink on a temporary tap (root only), checked with iproute2.
 * Addresses come from the benchmark range 198.18.0.0/15 and a random fd7a::/16 ULA prefix; every route
 * goes through the tap, and closing the tap removes whatever a failed test left.
 */
class NetlinkRootTest {
    private static final long MAC = 0x0a_12_34_56_78_9cL;

    private String name;
    private LinuxTap tap;
    private Netlink netlink;
    private int x, y;
    private String v6net;

    @BeforeEach
    void open() throws Exception {
        RootOnly.assumeTapsCanBeCreated();
        name = RootOnly.randomName();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        x = 1 + random.nextInt(254); // never 0, so no IPv6 group is zero and iproute2's text is predictable
        y = 1 + random.nextInt(254);
        v6net = "fd7a:%x:%x:%x::".formatted(1 + random.nextInt(0xfffe), x, y);
        tap = LinuxTap.open(name, MAC, 2800);
        netlink = Netlink.open();
    }

    @AfterEach
    void close() throws Exception {
        if (netlink != null) {
            netlink.close();
        }
        if (tap != null) {
            tap.close(); // the kernel drops the interface's addresses and routes with it
            assertTrue(RootOnly.awaitGone(name, 2000), "interface " + name + " still exists after close");
        }
    }

    @Test
    void linkIndexByName() throws Exception {
        assertEquals(tap.ifIndex(), netlink.linkIndex(name));
        assertEquals(0, netlink.linkIndex("ztjnosuchif0"));
    }

    @Test
    void addListAndRemoveAddresses() throws Exception {
        IpPrefix v4 = IpPrefix.parse("198.18." + x + ".130/24");
        IpPrefix v6 = IpPrefix.parse(v6net + "1/64");
        assertTrue(netlink.addAddress(tap.ifIndex(), name, v4));
        assertFalse(netlink.addAddress(tap.ifIndex(), name, v4), "the same address again is not an error");
        assertTrue(netlink.addAddress(tap.ifIndex(), name, v6));

        JsonNode inet = addressInfo("inet", "198.18." + x + ".130");
        assertEquals(24, inet.path("prefixlen").asInt(), inet.toString());
        assertEquals("198.18." + x + ".255", inet.path("broadcast").asText(), inet.toString());
        assertEquals("global", inet.path("scope").asText(), inet.toString());
        assertEquals(name, inet.path("label").asText(), inet.toString());
        JsonNode inet6 = addressInfo("inet6", InetAddress.getByName(v6net + "1").getHostAddress().replace(":0:0:0:1", "::1"));
        assertEquals(64, inet6.path("prefixlen").asInt(), inet6.toString());
        assertEquals("global", inet6.path("scope").asText(), inet6.toString());

        List<LinkAddress> listed = netlink.listAddresses(tap.ifIndex());
        assertTrue(listed.stream().anyMatch(a -> a.address().equals(v4) && a.label().equals(name)), listed.toString());
        assertTrue(listed.stream().anyMatch(a -> a.address().equals(v6)), listed.toString());
        assertTrue(listed.stream().allMatch(a -> a.ifIndex() == tap.ifIndex()), listed.toString());

        assertTrue(netlink.removeAddress(tap.ifIndex(), v4));
        assertFalse(netlink.removeAddress(tap.ifIndex(), v4), "removing an absent address is not an error");
        assertTrue(netlink.removeAddress(tap.ifIndex(), v6));
        List<LinkAddress> after = netlink.listAddresses(tap.ifIndex());
        assertTrue(after.stream().noneMatch(a -> a.address().equals(v4) || a.address().equals(v6)), after.toString());
    }

    @Test
    void addAndRemoveRoutesViaAGatewayOnTheTap() throws Exception {
        assertTrue(netlink.addAddress(tap.ifIndex(), name, IpPrefix.parse("198.18." + x + ".1/24")));
        assertTrue(netlink.addAddress(tap.ifIndex(), name, IpPrefix.parse(v6net + "1/64")));
        IpPrefix target = IpPrefix.parse("198.19." + y + ".0/24");
        InetAddress gateway = InetAddress.getByName("198.18." + x + ".254");
        int metric = Netlink.ZEROTIER_ROUTE_METRIC;

        assertTrue(netlink.addRoute(target, gateway, tap.ifIndex(), metric));
        assertFalse(netlink.addRoute(target, gateway, tap.ifIndex(), metric), "EEXIST is reported as false");
        String routes = RootOnly.run("ip", "route", "show", "dev", name);
        assertTrue(routes.contains("198.19." + y + ".0/24 via 198.18." + x + ".254 proto static metric 5000"), routes);

        IpPrefix target6 = IpPrefix.parse("fd7b:%x:%x::/48".formatted(x, y));
        InetAddress gateway6 = InetAddress.getByName(v6net + "fe");
        assertTrue(netlink.addRoute(target6, gateway6, tap.ifIndex(), metric));
        String routes6 = RootOnly.run("ip", "-6", "route", "show", "dev", name);
        assertTrue(routes6.contains("fd7b:%x:%x::/48 via %sfe proto static metric 5000".formatted(x, y, v6net)), routes6);

        assertTrue(netlink.removeRoute(target, gateway, tap.ifIndex(), metric));
        assertFalse(netlink.removeRoute(target, gateway, tap.ifIndex(), metric), "ESRCH is reported as false");
        assertTrue(netlink.removeRoute(target6, gateway6, tap.ifIndex(), 0));
        assertFalse(RootOnly.run("ip", "route", "show", "dev", name).contains("198.19." + y + ".0/24"));
        assertFalse(RootOnly.run("ip", "-6", "route", "show", "dev", name).contains("fd7b:"));
    }

    @Test
    void refusalsCarryTheKernelsErrno() throws Exception {
        NativeCallException noDevice = assertThrows(NativeCallException.class,
                () -> netlink.addAddress(0x7ffffff0, name, IpPrefix.parse("198.18." + x + ".1/24")));
        assertEquals("ENODEV", noDevice.errnoName(), noDevice.getMessage());
        assertTrue(noDevice.getMessage().endsWith("No such device (ENODEV)"), noDevice.getMessage());

        // a gateway that is not on the tap's link (and the tap has no address yet)
        NativeCallException unreachable = assertThrows(NativeCallException.class, () -> netlink.addRoute(
                IpPrefix.parse("198.19." + y + ".0/24"), InetAddress.getByName("198.18." + x + ".254"), tap.ifIndex(), 5000));
        assertTrue(unreachable.errno() > 0, unreachable.getMessage());
        assertTrue(unreachable.getMessage().startsWith("could not add route 198.19." + y + ".0/24 via"), unreachable.getMessage());

        assertThrows(IllegalArgumentException.class, () -> netlink.addRoute(
                IpPrefix.parse("198.19.0.0/24"), InetAddress.getByName("fd00::1"), tap.ifIndex(), 5000));
        assertThrows(IllegalArgumentException.class, () -> netlink.addAddress(0, name, IpPrefix.parse("198.18.0.1/24")));
        assertThrows(IllegalArgumentException.class, () -> netlink.addAddress(tap.ifIndex(), "label too long for", IpPrefix.parse("198.18.0.1/24")));
    }

    private JsonNode addressInfo(String family, String local) throws Exception {
        JsonNode link = RootOnly.ipJson("addr", "show", "dev", name);
        for (JsonNode a : link.path("addr_info")) {
            if (family.equals(a.path("family").asText()) && local.equals(a.path("local").asText())) {
                return a;
            }
        }
        throw new AssertionError("no " + family + " " + local + " in " + link);
    }
}
