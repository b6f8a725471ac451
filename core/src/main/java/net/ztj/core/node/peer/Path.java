package net.ztj.core.node.peer;

import net.ztj.core.wire.Endpoint;

/** A physical path to a peer: one local socket and one remote address, with its traffic times. */
public final class Path {
    public final long localSocket;
    public final Endpoint address;
    public long lastSendMs;
    public long lastReceiveMs;
    public long lastConfirmHelloMs;
    public long lastEchoReplyMs;

    public Path(long localSocket, Endpoint address) {
        this.localSocket = localSocket;
        this.address = address;
    }

    public boolean alive(long now) {
        return now - lastReceiveMs < Timing.PATH_ALIVE_TIMEOUT;
    }

    public boolean expired(long now) {
        return now - lastReceiveMs >= Timing.PEER_PATH_EXPIRATION;
    }

    public boolean is(long socket, Endpoint a) {
        return localSocket == socket && address.equals(a);
    }

    /** Lower is better: private addresses first (LAN), then IPv6 over IPv4. */
    public int scopeRank() {
        return switch (address.scope()) {
            case PRIVATE -> 0;
            case SHARED, PSEUDOPRIVATE -> 1;
            case GLOBAL -> 2;
            default -> 3;
        };
    }
}
