package net.ztj.transport.tcprelay;

/**
 * What one relay server allows its clients.
 *
 * @param maxClients           connections at once, all sources together
 * @param maxClientsPerAddress connections at once from one source IP address
 * @param maxBufferedBytes     bytes waiting to be written to one client; datagrams for it beyond this are dropped
 * @param idleTimeoutMs        a connection with no traffic either way for this long is closed
 * @param helloTimeoutMs       a connection that has not sent its hello this long after accept is closed
 */
public record RelayLimits(int maxClients, int maxClientsPerAddress, int maxBufferedBytes, long idleTimeoutMs,
                          long helloTimeoutMs) {
    public RelayLimits {
        if (maxClients < 1 || maxClientsPerAddress < 1) throw new IllegalArgumentException("client limits must be positive");
        if (maxBufferedBytes < 1) throw new IllegalArgumentException("maxBufferedBytes must be positive");
        if (idleTimeoutMs < 1 || helloTimeoutMs < 1) throw new IllegalArgumentException("time-outs must be positive");
    }

    /**
     * Defaults: 4096 clients, 16 per address (a few nodes behind one NAT, each reconnecting), 256 KiB buffered per
     * client, 300 s idle (ZeroTier's tcp-proxy), 30 s for the hello.
     */
    public static RelayLimits defaults() {
        return new RelayLimits(4096, 16, 256 * 1024, 300_000, 30_000);
    }
}
