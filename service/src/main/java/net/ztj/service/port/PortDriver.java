package net.ztj.service.port;

import net.ztj.tap.EthernetTap;
import net.ztj.tap.IpPrefix;
import net.ztj.tap.LinkAddress;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * The operating system's side of the ports: taps, addresses, routes and multicast memberships. The Linux driver
 * uses /dev/net/tun and rtnetlink through the tap module; tests substitute their own.
 */
public interface PortDriver extends AutoCloseable {
    /** Whether an interface of this name exists already (the naming procedure skips such names). */
    boolean interfaceExists(String name);

    EthernetTap open(String name, long mac, int mtu) throws IOException;

    int ifIndex(EthernetTap tap) throws IOException;

    List<LinkAddress> addresses(int ifIndex) throws IOException;

    void addAddress(int ifIndex, String label, IpPrefix address) throws IOException;

    void removeAddress(int ifIndex, IpPrefix address) throws IOException;

    /** Adds a route with metric 5000 ({@code gateway} null: straight onto the interface). */
    void addRoute(IpPrefix target, InetAddress gateway, int ifIndex) throws IOException;

    void removeRoute(IpPrefix target, InetAddress gateway, int ifIndex) throws IOException;

    /** The multicast MACs the interface listens to. */
    List<Long> multicastMacs(String name) throws IOException;

    @Override
    void close();
}
