/**
 * The virtual network ports of the daemon (spec 05 §8): one Linux tap per joined network, its managed addresses and
 * routes, the multicast groups the host joins on it, and the frames between the tap and the node.
 */
package net.ztj.service.port;
