/**
 * The physical edge of the node (spec 05 §9): UDP sockets that carry ZeroTier datagrams and the list of local
 * addresses the node advertises, and the TCP fallback relay (client and server). Port mapping will live here too.
 */
package net.ztj.transport;
