/**
 * NAT traversal beyond ZeroTier One: hole punching ordered so Linux NAT routers do not collide, and birthday
 * probing for one symmetric side ({@link net.ztj.core.node.traversal.HolePunch}).
 */
package net.ztj.core.node.traversal;
