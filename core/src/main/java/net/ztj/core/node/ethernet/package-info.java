/**
 * The Ethernet switch between a network's local port and its members: unicast frames out as FRAME or EXT_FRAME (group
 * traffic handed to the multicast layer), FRAME and EXT_FRAME in through the membership gate and the rules.
 */
package net.ztj.core.node.ethernet;
