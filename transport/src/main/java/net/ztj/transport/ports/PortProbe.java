package net.ztj.transport.ports;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;

/**
 * The trial bind of spec 05 §2.3 step 5: a port is usable when UDP can bind it and TCP can listen on it, on
 * {@code 0.0.0.0} or, failing that, on {@code [::]}. Both sockets are closed again at once.
 */
public final class PortProbe {
    private PortProbe() {}

    /** Whether the port is free for both UDP and TCP. */
    public static boolean isFree(int port) {
        return tryBoth(StandardProtocolFamily.INET, new byte[4], port)
                || tryBoth(StandardProtocolFamily.INET6, new byte[16], port);
    }

    private static boolean tryBoth(StandardProtocolFamily family, byte[] wildcard, int port) {
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByAddress(wildcard), port);
        } catch (IOException e) {
            return false;
        }
        try (DatagramChannel udp = DatagramChannel.open(family);
             ServerSocketChannel tcp = ServerSocketChannel.open(family)) {
            udp.bind(address);
            tcp.bind(address, 1);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
