package net.ztj.transport.portmap;

import net.ztj.core.wire.Endpoint;

/**
 * A port mapping the router granted.
 *
 * @param protocol        "PCP", "NAT-PMP" or "UPnP"
 * @param external        the router's external address and the mapped port: what peers outside can reach
 * @param internalPort    the node's UDP port it forwards to
 * @param lifetimeSeconds the lease, 0 for a permanent one
 */
public record Mapping(String protocol, Endpoint external, int internalPort, long lifetimeSeconds) {}
