/**
 * A ZeroTier node, I/O-free: {@link net.ztj.core.node.Node} (the facade that wires the layers, runs the timers and
 * answers the API) and the types the edges use (config, events, transport, status, drop counters, the hand-off to
 * a local controller). Inbound data flows receive → ethernet → multicast → network → peer; outbound the other way.
 */
package net.ztj.core.node;
