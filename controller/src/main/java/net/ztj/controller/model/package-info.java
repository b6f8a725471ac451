/**
 * The controller's stored objects (networks and members) with ZeroTier's JSON field names, types and defaults,
 * bound from and to JSON at this edge so the rest of the controller works with typed records (spec 04 §12).
 */
package net.ztj.controller.model;
