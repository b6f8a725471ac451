package net.ztj.transport.udp;

import net.ztj.core.wire.Endpoint;

/**
 * Where received datagrams go. Called on the socket's receive thread, so it must hand the datagram over quickly
 * (the service queues it for the node's thread).
 */
@FunctionalInterface
public interface DatagramSink {
    /**
     * One received datagram.
     *
     * @param localSocket the id of the socket it arrived on ({@link UdpSocket#id()})
     * @param from        the sender
     * @param data        the payload, exactly as long as the datagram; the sink owns the array
     */
    void receive(long localSocket, Endpoint from, byte[] data);
}
