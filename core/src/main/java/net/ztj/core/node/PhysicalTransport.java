package net.ztj.core.node;

import net.ztj.core.wire.Endpoint;

/**
 * The edge through which the node sends UDP datagrams. Implemented by the service's UDP sockets (and TCP relay)
 * and by the testkit's simulated network.
 *
 * <p>Contract: called only from the thread that drives the node; must not block for long; the bytes are only
 * valid during the call (copy them if they are queued).
 */
public interface PhysicalTransport {
    /** Passed as {@code localSocket} when any bound socket may be used. */
    long ANY_SOCKET = -1;

    /**
     * Sends one datagram.
     *
     * @param localSocket the socket to send from (as given to {@link Node#processWirePacket}), or
     *                    {@link #ANY_SOCKET}
     * @param ttl         IP TTL for this datagram only, or 0 for the default
     * @return whether the datagram was handed to a socket
     */
    boolean send(long localSocket, Endpoint to, byte[] data, int off, int len, int ttl);
}
