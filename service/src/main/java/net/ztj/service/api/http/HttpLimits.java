package net.ztj.service.api.http;

/**
 * What one client may take from the server.
 *
 * @param maxBodyBytes          the largest request body; larger ones are answered 413 without being read
 * @param headTimeoutMs         how long a connection may take to deliver a complete request head, counted from its
 *                              accept or from the previous response (so it is also the keep-alive idle time)
 * @param requestTimeoutMs      how long a request may take as a whole, head, body and response, counted like the
 *                              head's time; a connection still busy then is closed
 * @param maxUnprovenConnections connections that have not yet shown a valid token: when a new one arrives beyond
 *                              this, the oldest of them is closed (see {@link ConnectionSlots})
 * @param maxAuthenticatedConnections connections that have: beyond this, a further one is served as unproven
 */
public record HttpLimits(int maxBodyBytes, long headTimeoutMs, long requestTimeoutMs, int maxUnprovenConnections,
                         int maxAuthenticatedConnections) {
    /**
     * 4 MiB bodies (the largest API body, a controller member or network, is a few KiB); 5 s for a head, the
     * reference's keep-alive timeout; 30 s for a request; 64 connections of each kind (the API's clients, the CLI
     * and a web UI or two, use a handful; 128 sockets and their buffers are little for the daemon to hold).
     */
    public static final HttpLimits DEFAULT = new HttpLimits(4 * 1024 * 1024, 5_000, 30_000, 64, 64);

    public HttpLimits {
        if (maxBodyBytes < 0 || headTimeoutMs <= 0 || requestTimeoutMs < headTimeoutMs || maxUnprovenConnections < 1
                || maxAuthenticatedConnections < 0) {
            throw new IllegalArgumentException("bad HTTP limits");
        }
    }
}
