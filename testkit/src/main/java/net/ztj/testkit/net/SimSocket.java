package net.ztj.testkit.net;

import net.ztj.core.wire.Endpoint;

/** A bound UDP socket on a simulated host. */
public final class SimSocket {
    /** Receives datagrams. */
    public interface Receiver {
        void receive(SimSocket socket, Endpoint from, byte[] data);
    }

    final SimHost host;
    final int port;
    Receiver receiver;
    private final long id;

    SimSocket(SimHost host, int port, long id) {
        this.host = host;
        this.port = port;
        this.id = id;
    }

    /** An identifier unique in the network (what the node calls its local socket). */
    public long id() {
        return id;
    }

    public Endpoint localEndpoint() {
        return host.endpoint(port);
    }

    public void onReceive(Receiver r) {
        this.receiver = r;
    }

    /** Sends a datagram; {@code ttl} 0 means the default. */
    public void send(Endpoint to, byte[] data, int off, int len, int ttl) {
        byte[] copy = new byte[len];
        System.arraycopy(data, off, copy, 0, len);
        host.network.transmit(this, to, copy, ttl == 0 ? 64 : ttl);
    }
}
