/**
 * Port mapping on the router in front of the node (ZeroTier One's {@code portMappingEnabled}): PCP, NAT-PMP and UPnP
 * IGD clients, their message codecs, and the {@link net.ztj.transport.portmap.PortMapper} that keeps one UDP mapping
 * of the tertiary port alive on its own virtual thread.
 */
package net.ztj.transport.portmap;
