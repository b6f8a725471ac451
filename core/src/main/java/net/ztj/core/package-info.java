/**
 * The I/O-free protocol core of ZeroTier One 1.x: identities, wire codecs, worlds, peers, networks and the node
 * state machine. It is given the time and bytes; it opens no socket or file, starts no thread, reads no clock.
 */
package net.ztj.core;
