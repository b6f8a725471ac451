/**
 * The TCP fallback relay (spec 05 §9.5, §9.6, §9.8): ZeroTier's TLS-looking framing, the client connection a node
 * tunnels its IPv4 datagrams through when UDP does not work, the policy of when to use it, and our own relay server.
 */
package net.ztj.transport.tcprelay;
