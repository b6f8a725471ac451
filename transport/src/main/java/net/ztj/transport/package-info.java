/**
 * The physical edge of the node (spec 05 §9): UDP sockets that carry ZeroTier datagrams and the list of local
 * addresses the node advertises. The TCP fallback relay and port mapping will live here too.
 */
package net.ztj.transport;
