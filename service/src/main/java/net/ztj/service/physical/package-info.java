/**
 * The service's use of the physical transport: which UDP ports are bound on which addresses (spec 05 §9.1, §9.2)
 * and the periodic report of local addresses to the node.
 */
package net.ztj.service.physical;
