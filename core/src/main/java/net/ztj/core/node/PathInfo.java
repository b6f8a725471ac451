package net.ztj.core.node;

import net.ztj.core.wire.Endpoint;

/**
 * A snapshot of one physical path to a peer, for the API.
 *
 * @param lastSendMs    0 if nothing was sent on it
 * @param lastReceiveMs 0 if nothing was received on it
 * @param preferred     whether the node would send on it now (at most one per peer)
 */
public record PathInfo(Endpoint address, long localSocket, long lastSendMs, long lastReceiveMs, boolean preferred) {}
