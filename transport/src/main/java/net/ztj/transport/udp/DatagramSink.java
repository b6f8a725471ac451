package net.ztj.transport.udp;

import net.ztj.core.wire.Endpoint;

/**
 * Where received datagrams go. Called on the socket's receive thread, which waits for the call to return before it
 * receives the next datagrams (the service processes them inline, under the node's lock).
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

    /**
     * The datagrams one receive call gave, in the order they arrived; by default each goes to
     * {@link #receive(long, Endpoint, byte[], int, int)}. A sink may take them in one go (the service processes a
     * batch in one turn of the node's lock, so the frames they carry can reach a port together).
     */
    default void receive(long localSocket, ReceivedDatagrams batch) {
        for (int i = 0; i < batch.count(); i++) {
            receive(localSocket, batch.from(i), batch.data(), batch.offset(i), batch.length(i));
        }
    }
}
