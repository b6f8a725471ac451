/**
 * Multicast on virtual networks: the directory of group members, gathering and LIKE announcements, sender-side
 * replication, MULTICAST_FRAME in and out, and IPv6 NDP emulation.
 */
package net.ztj.core.node.multicast;
