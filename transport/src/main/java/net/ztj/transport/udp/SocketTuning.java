package net.ztj.transport.udp;

import jdk.net.ExtendedSocketOptions;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * The socket options of spec 05 §9.2: 1 MiB buffers (stepping down 4 KiB at a time to 64 KiB where refused),
 * broadcast allowed, no address reuse, and path-MTU discovery off so the DF bit is never set.
 *
 * <p>Not reproducible from plain Java and so left out: IPv6-only sockets (the JDK opens IPv6 sockets dual-stack,
 * which is why the transport binds one dual-stack socket per port), per-datagram unicast TTL (see
 * {@link UdpTransport#send}) and disabled IPv4 UDP checksums (SO_NO_CHECK, invisible to peers).
 */
final class SocketTuning {
    static final int BUFFER_BYTES = 1024 * 1024;
    private static final int BUFFER_MIN_BYTES = 64 * 1024;
    private static final int BUFFER_STEP_BYTES = 4 * 1024;

    private SocketTuning() {}

    static void apply(DatagramChannel channel) throws IOException {
        setBuffer(channel, StandardSocketOptions.SO_RCVBUF);
        setBuffer(channel, StandardSocketOptions.SO_SNDBUF);
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
        channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
        if (channel.supportedOptions().contains(ExtendedSocketOptions.IP_DONTFRAGMENT)) {
            channel.setOption(ExtendedSocketOptions.IP_DONTFRAGMENT, false);
        }
    }

    private static void setBuffer(DatagramChannel channel, SocketOption<Integer> option) {
        for (int size = BUFFER_BYTES; size >= BUFFER_MIN_BYTES; size -= BUFFER_STEP_BYTES) {
            try {
                channel.setOption(option, size);
                return;
            } catch (IOException | IllegalArgumentException e) {
                // refused: try a smaller buffer
            }
        }
    }
}
