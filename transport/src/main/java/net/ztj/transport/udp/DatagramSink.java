package net.ztj.transport.udp;

import net.ztj.core.wire.Endpoint;

/**
 * Where received datagrams go. Called on the socket's receive thread, which waits for the call to return before it
 * receives the next datagram (the service processes it inline, under the node's lock).
 */
@FunctionalInterface
public interface DatagramSink {
    /**
     * One received datagram.
     *
     * @param localSocket the id of the socket it arrived on ({@link UdpSocket#id()})
     * @param from        the sender
     * @param data        holds the payload at {@code data[off..off+len)}; the array is the socket's receive buffer,
     *                    valid only during the call (copy what must outlive it)
     */
    void receive(long localSocket, Endpoint from, byte[] data, int off, int len);
}
