package net.ztj.transport.udp;

import net.ztj.core.wire.Endpoint;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

/**
 * One bound UDP socket and the thread that receives on it. Sends may come from any thread (the node's); receiving
 * happens only on this socket's own thread, which stops when the socket is closed.
 */
public final class UdpSocket implements AutoCloseable {
    /** Larger than any UDP payload, so no datagram is truncated. */
    private static final int RECEIVE_BUFFER_BYTES = 65536;

    private final long id;
    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;
    private final boolean reachesIpv4;
    private final boolean reachesIpv6;
    private final Thread receiver;

    private UdpSocket(long id, DatagramChannel channel, InetSocketAddress localAddress, DatagramSink sink) {
        this.id = id;
        this.channel = channel;
        this.localAddress = localAddress;
        boolean v6 = localAddress.getAddress() instanceof Inet6Address;
        this.reachesIpv6 = v6;
        // an IPv6 socket bound to the wildcard is dual-stack in the JDK, so it also reaches IPv4 peers
        this.reachesIpv4 = !v6 || localAddress.getAddress().isAnyLocalAddress();
        this.receiver = Thread.ofPlatform().daemon().name("udp-receive-" + localAddress.getPort() + "-" + id)
                .unstarted(() -> receiveLoop(sink));
    }

    /**
     * Binds a socket and starts receiving.
     *
     * @param local the address to bind: a wildcard ({@code 0.0.0.0} or {@code ::}) or one local address
     * @throws IOException if the address cannot be bound (typically: the port is in use)
     */
    static UdpSocket bind(long id, InetSocketAddress local, DatagramSink sink) throws IOException {
        StandardProtocolFamily family = local.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        DatagramChannel channel = DatagramChannel.open(family);
        try {
            SocketTuning.apply(channel);
            channel.bind(local);
            UdpSocket socket = new UdpSocket(id, channel, (InetSocketAddress) channel.getLocalAddress(), sink);
            socket.receiver.start();
            return socket;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The opaque id the node knows this socket by. */
    public long id() {
        return id;
    }

    /** The bound address and port. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public int port() {
        return localAddress.getPort();
    }

    /** Whether a datagram to this endpoint can leave through this socket. */
    public boolean reaches(Endpoint to) {
        return to.isV4() ? reachesIpv4 : reachesIpv6;
    }

    /** Sends one datagram; false if the socket refused it (closed, unreachable network, full buffer). */
    boolean send(Endpoint to, byte[] data, int off, int len) {
        try {
            Destination d = lastDestination;
            if (d == null || !d.endpoint().equals(to)) {
                d = new Destination(to, InetEndpoints.toSocketAddress(to));
                lastDestination = d;
            }
            return channel.send(ByteBuffer.wrap(data, off, len), d.address()) == len;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private InetSocketAddress lastSender; // receive thread only
    private Endpoint lastEndpoint;

    /** The last destination and its socket address, so a stream of sends to one peer converts it once. */
    private record Destination(Endpoint endpoint, java.net.SocketAddress address) {}

    private volatile Destination lastDestination;

    private void receiveLoop(DatagramSink sink) {
        ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_BUFFER_BYTES);
        while (channel.isOpen()) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                continue; // e.g. an ICMP error reported on the socket: keep receiving
            }
            if (from instanceof InetSocketAddress sender) {
                if (sender != lastSender) { // the channel hands back the same object while the sender is the same
                    lastSender = sender;
                    lastEndpoint = InetEndpoints.toEndpoint(sender);
                }
                sink.receive(id, lastEndpoint, buffer.array(), 0, buffer.position());
            }
        }
    }

    /** Closes the socket and waits (briefly) for its receive thread to end. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "udp socket " + id + " on " + localAddress;
    }
}
