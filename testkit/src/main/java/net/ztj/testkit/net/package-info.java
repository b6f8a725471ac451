/**
 * A deterministic, single-threaded simulated IP network: hosts, UDP sockets, NAT boxes of the usual kinds
 * (full cone, port-restricted cone, symmetric) with mapping timeouts, latency and loss, driven by a virtual clock.
 */
package net.ztj.testkit.net;
