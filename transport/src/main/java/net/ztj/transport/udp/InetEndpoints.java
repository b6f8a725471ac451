package net.ztj.transport.udp;

import net.ztj.core.wire.Endpoint;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Conversions between the core's {@link Endpoint} and java.net socket addresses. */
public final class InetEndpoints {
    private InetEndpoints() {}

    /** The endpoint of a java.net address; IPv4-mapped IPv6 addresses become IPv4 (as the JDK reports them). */
    public static Endpoint toEndpoint(InetSocketAddress address) {
        return Endpoint.of(address.getAddress().getAddress(), address.getPort());
    }

    /** The java.net socket address of an endpoint (no name lookup). */
    public static InetSocketAddress toSocketAddress(Endpoint endpoint) {
        return new InetSocketAddress(toInetAddress(endpoint.ip()), endpoint.port());
    }

    /** The java.net address of 4 or 16 address bytes (no name lookup). */
    public static InetAddress toInetAddress(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("IP address must be 4 or 16 bytes", e);
        }
    }

    /** Whether the address is IPv4, counting IPv4-mapped IPv6 addresses as IPv4. */
    public static boolean isIpv4(InetAddress address) {
        return address instanceof Inet4Address
                || (address instanceof Inet6Address && isMapped(address.getAddress()));
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
