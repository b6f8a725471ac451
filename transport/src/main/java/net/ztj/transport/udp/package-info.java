/**
 * UDP sockets on java.nio DatagramChannels: binding, socket options, one receive thread per socket, and the
 * {@link net.ztj.core.node.PhysicalTransport} the node sends through.
 */
package net.ztj.transport.udp;
