/**
 * The node state machine (VL1): peers and their paths, roots and worlds, HELLO/OK/WHOIS/ECHO/RENDEZVOUS, relaying,
 * NAT traversal, keepalives. Given the time and datagrams by the service; sends through {@link
 * net.ztj.core.node.PhysicalTransport}.
 */
package net.ztj.core.node;
