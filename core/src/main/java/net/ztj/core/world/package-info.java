/**
 * Worlds: the signed root-server lists of ZeroTier (the planet and moons), their binary form and signing message,
 * the rule by which a newer revision replaces the one held, and the bookkeeping of moons being orbited (spec 02 §10).
 */
package net.ztj.core.world;
