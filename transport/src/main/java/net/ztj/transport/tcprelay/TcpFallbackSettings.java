package net.ztj.transport.tcprelay;

import net.ztj.core.wire.Endpoint;

/**
 * The TCP relay settings of local.conf (spec 05 §4.4, §9.5).
 *
 * @param allowed {@code allowTcpFallbackRelay}: false disables the relay (and, with {@code forced}, all sending)
 * @param forced  {@code forceTcpRelay}: use only the relay: no UDP sockets, no UDP sent or received
 * @param relay   {@code tcpFallbackRelay}: the relay's IPv4 address and TCP port
 */
public record TcpFallbackSettings(boolean allowed, boolean forced, Endpoint relay) {
    /** ZeroTier's own relay, used when local.conf names none. */
    public static final Endpoint DEFAULT_RELAY = Endpoint.parse("204.80.128.1/443");

    public static TcpFallbackSettings defaults() {
        return new TcpFallbackSettings(true, false, DEFAULT_RELAY);
    }
}
