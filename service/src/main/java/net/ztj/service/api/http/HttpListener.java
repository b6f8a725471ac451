package net.ztj.service.api.http;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One listening TCP socket: an accept thread, and a virtual thread per connection, their number bounded by the
 * {@link ConnectionGovernor} the server's listeners share. The listener's family is passed with each request,
 * because the reference routes one request differently on its IPv6 listener.
 */
public final class HttpListener implements AutoCloseable {
    // the reference listens with a backlog of 5; a burst of connections (a flood, or many clients at once) would then
    // have SYNs dropped and legitimate clients retry after a second or more. Accepting is cheap and the pools bound
    // what is accepted, so the queue can be longer.
    private static final int BACKLOG = 128;

    private final ServerSocketChannel server;
    private final InetSocketAddress address;
    private final boolean ipv4;
    private final HttpHandler handler;
    private final ConnectionGovernor governor;
    private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private HttpListener(ServerSocketChannel server, boolean ipv4, HttpHandler handler, ConnectionGovernor governor)
            throws IOException {
        this.server = server;
        this.address = (InetSocketAddress) server.getLocalAddress();
        this.ipv4 = ipv4;
        this.handler = handler;
        this.governor = governor;
        this.acceptor = Thread.ofPlatform().daemon().name("api-accept-" + address).unstarted(this::acceptLoop);
    }

    /**
     * Binds and starts accepting.
     *
     * @param reusePort set SO_REUSEPORT, as the reference does, so a wildcard IPv6 listener (dual-stack) can share
     *                  the port with the IPv4 one
     * @param governor  the limits and connection pools, shared by the server's listeners and closed by its owner
     * @throws IOException if the address cannot be bound
     */
    public static HttpListener start(InetSocketAddress bindTo, boolean reusePort, HttpHandler handler,
                                     ConnectionGovernor governor) throws IOException {
        boolean v6 = bindTo.getAddress() instanceof Inet6Address;
        ServerSocketChannel server = ServerSocketChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            if (reusePort && server.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            server.bind(bindTo, BACKLOG);
            HttpListener listener = new HttpListener(server, !v6, handler, governor);
            listener.acceptor.start();
            return listener;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                continue;
            }
            HttpConnection connection = new HttpConnection(channel.socket(), ipv4, handler, governor);
            open.add(connection);
            governor.open(connection);
            Thread.ofVirtual().name("api-connection").start(() -> {
                try {
                    connection.serve();
                } finally {
                    open.remove(connection);
                }
            });
        }
    }

    /** Stops accepting and closes the open connections. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (HttpConnection c : open) c.abort();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
