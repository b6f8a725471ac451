/**
 * VL1 between nodes: the node context, peers and their paths, the topology of roots and moons, sending (armor,
 * fragments, relaying through upstreams), WHOIS, keepalives, relaying for others, and the authenticated packet a
 * handler is given with the outcome it returns.
 */
package net.ztj.core.node.peer;
