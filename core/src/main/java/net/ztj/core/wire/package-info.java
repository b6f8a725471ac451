/**
 * The ZeroTier 1.x wire: bounds-checked readers and writers, physical endpoints, the packet header, armoring
 * (cipher suites 0, 1, 3), fragmentation, compression and the payload codec of every verb (spec 02).
 */
package net.ztj.core.wire;
