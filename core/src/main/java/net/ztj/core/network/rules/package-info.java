/**
 * The ZeroTier rules engine (spec 03 §9): the rule model, its binary list codec, and the evaluation of a frame
 * against a network's base rules and capabilities, yielding accept, drop or redirect plus TEE/WATCH copies.
 */
package net.ztj.core.network.rules;
