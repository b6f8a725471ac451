package net.ztj.service.port;

import net.ztj.tap.EthernetTap;
import net.ztj.tap.IpPrefix;
import net.ztj.tap.LinkAddress;
import net.ztj.tap.LinuxTap;
import net.ztj.tap.MulticastScan;
import net.ztj.tap.Netlink;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Ports on Linux: taps through /dev/net/tun and addresses and routes through rtnetlink (the tap module), the
 * requests ZeroTier One makes, without spawning iproute2 for each change.
 */
public final class LinuxPortDriver implements PortDriver {
    private Netlink netlink;

    private synchronized Netlink netlink() throws IOException {
        if (netlink == null) netlink = Netlink.open();
        return netlink;
    }

    @Override
    public boolean interfaceExists(String name) {
        return Files.exists(Path.of("/proc/sys/net/ipv4/conf", name));
    }

    @Override
    public EthernetTap open(String name, long mac, int mtu) throws IOException {
        return LinuxTap.open(name, mac, mtu);
    }

    @Override
    public int ifIndex(EthernetTap tap) throws IOException {
        if (tap instanceof LinuxTap t) return t.ifIndex();
        return netlink().linkIndex(tap.name());
    }

    @Override
    public List<LinkAddress> addresses(int ifIndex) throws IOException {
        return netlink().listAddresses(ifIndex);
    }

    @Override
    public void addAddress(int ifIndex, String label, IpPrefix address) throws IOException {
        netlink().addAddress(ifIndex, label, address);
    }

    @Override
    public void removeAddress(int ifIndex, IpPrefix address) throws IOException {
        netlink().removeAddress(ifIndex, address);
    }

    @Override
    public void addRoute(IpPrefix target, InetAddress gateway, int ifIndex) throws IOException {
        netlink().addRoute(target, gateway, ifIndex, Netlink.ZEROTIER_ROUTE_METRIC);
    }

    @Override
    public void removeRoute(IpPrefix target, InetAddress gateway, int ifIndex) throws IOException {
        netlink().removeRoute(target, gateway, ifIndex, Netlink.ZEROTIER_ROUTE_METRIC);
    }

    @Override
    public List<Long> multicastMacs(String name) throws IOException {
        return MulticastScan.read(name);
    }

    @Override
    public synchronized void close() {
        if (netlink != null) netlink.close();
        netlink = null;
    }
}
