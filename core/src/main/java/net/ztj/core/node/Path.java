package net.ztj.core.node;

import net.ztj.core.wire.Endpoint;

/** A physical path to a peer: one local socket and one remote address, with its traffic times. */
final class Path {
    final long localSocket;
    final Endpoint address;
    long lastSendMs;
    long lastReceiveMs;
    long lastConfirmHelloMs;
    long lastEchoReplyMs;

    Path(long localSocket, Endpoint address) {
        this.localSocket = localSocket;
        this.address = address;
    }

    boolean alive(long now) {
        return now - lastReceiveMs < Timing.PATH_ALIVE_TIMEOUT;
    }

    boolean expired(long now) {
        return now - lastReceiveMs >= Timing.PEER_PATH_EXPIRATION;
    }

    boolean is(long socket, Endpoint a) {
        return localSocket == socket && address.equals(a);
    }

    /** Lower is better: private addresses first (LAN), then IPv6 over IPv4. */
    int scopeRank() {
        return switch (address.scope()) {
            case PRIVATE -> 0;
            case SHARED, PSEUDOPRIVATE -> 1;
            case GLOBAL -> 2;
            default -> 3;
        };
    }
}
