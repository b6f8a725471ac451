package net.ztj.service.api.http;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One listening TCP socket: an accept thread, and a virtual thread per connection. The listener's family is passed
 * with each request, because the reference routes one request differently on its IPv6 listener.
 */
public final class HttpListener implements AutoCloseable {
    private static final int BACKLOG = 5;

    private final ServerSocketChannel server;
    private final InetSocketAddress address;
    private final boolean ipv4;
    private final HttpHandler handler;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private HttpListener(ServerSocketChannel server, boolean ipv4, HttpHandler handler) throws IOException {
        this.server = server;
        this.address = (InetSocketAddress) server.getLocalAddress();
        this.ipv4 = ipv4;
        this.handler = handler;
        this.acceptor = Thread.ofPlatform().daemon().name("api-accept-" + address).unstarted(this::acceptLoop);
    }

    /**
     * Binds and starts accepting.
     *
     * @param reusePort set SO_REUSEPORT, as the reference does, so a wildcard IPv6 listener (dual-stack) can share
     *                  the port with the IPv4 one
     * @throws IOException if the address cannot be bound
     */
    public static HttpListener start(InetSocketAddress bindTo, boolean reusePort, HttpHandler handler) throws IOException {
        boolean v6 = bindTo.getAddress() instanceof Inet6Address;
        ServerSocketChannel server = ServerSocketChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            if (reusePort && server.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            server.bind(bindTo, BACKLOG);
            HttpListener listener = new HttpListener(server, !v6, handler);
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
            Socket socket = channel.socket();
            open.add(socket);
            Thread.ofVirtual().name("api-connection").start(() -> {
                try {
                    new HttpConnection(socket, ipv4, handler).serve();
                } finally {
                    open.remove(socket);
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
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
