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
     * @param data        holds the datagram at {@code data[off..off+len)}, read during the call only (a transport
     *                    copies what it keeps), so the caller may reuse the array as soon as it returns
     * @param ttl         IP TTL for this datagram only, or 0 for the default
     * @return whether the datagram was handed to a socket
     */
    boolean send(long localSocket, Endpoint to, byte[] data, int off, int len, int ttl);

    /**
     * Opens one more socket on an ephemeral port, for NAT traversal from behind a NAT that gives every destination
     * its own port (birthday probing): datagrams it receives reach the node with its id, and {@link #send} sends
     * from it when given that id; {@link #ANY_SOCKET} never includes it.
     *
     * @return the new socket's id, or {@link #ANY_SOCKET} when no socket can be opened (or the transport has none)
     */
    default long openProbeSocket() {
        return ANY_SOCKET;
    }

    /** Closes a socket {@link #openProbeSocket} opened; unknown ids are ignored. */
    default void closeProbeSocket(long localSocket) {
    }
}
