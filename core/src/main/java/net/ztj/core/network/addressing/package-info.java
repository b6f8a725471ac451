/**
 * Identifiers and addresses derived from a network ID (spec 03 §1–§3.1): the network ID itself, per-network MACs,
 * multicast groups including the address-resolution groups, and the managed RFC4193 and 6PLANE IPv6 addresses.
 */
package net.ztj.core.network.addressing;
