package net.ztj.transport.iface;

import net.ztj.core.wire.IpText;
import net.ztj.transport.iface.LocalAddressScanner.InterfaceIp;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The address selection of spec 05 §9.2 on made-up interfaces. */
class LocalAddressScannerTest {
    private static InterfaceIp ip(String name, String text) {
        return new InterfaceIp(name, IpText.parse(text));
    }

    @Test
    void keepsUsableScopesOfPhysicalInterfacesIpv4First() {
        List<InterfaceIp> all = List.of(
                ip("lo", "127.0.0.1"), ip("lo", "::1"),
                ip("eth0", "fd55::3"), ip("eth0", "10.55.0.3"), ip("eth0", "fe80::1234"),
                ip("eth1", "198.51.100.7"), ip("eth1", "100.64.1.2"),
                ip("ztezodum4a", "10.147.20.130"), ip("eth2", "10.147.20.130"),
                ip("tun0", "10.8.0.2"), ip("tap3", "10.9.0.2"), ip("docker0", "172.17.0.1"),
                ip("eth0", "2001:db8::5"), ip("eth0", "2001:db8::99"), ip("eth0", "224.0.0.1"));
        List<byte[]> out = LocalAddressScanner.select(all, Set.of("2001:db8::99"), List.of("docker"));
        assertEquals(List.of("10.55.0.3", "198.51.100.7", "100.64.1.2", "fd55::3", "2001:db8::5"),
                out.stream().map(IpText::format).toList());
    }

    @Test
    void readsTheTemporaryFlagFromIfInet6() {
        Set<String> out = new HashSet<>();
        LocalAddressScanner.parseTemporary("20010db8000000000000000000000099 02 40 00 01     eth0", out);
        LocalAddressScanner.parseTemporary("20010db8000000000000000000000005 02 40 00 80     eth0", out);
        LocalAddressScanner.parseTemporary("garbage", out);
        assertEquals(Set.of("2001:db8::99"), out);
    }
}
