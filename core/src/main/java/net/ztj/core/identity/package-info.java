/**
 * ZeroTier addresses and type-0 identities: text and binary forms, the memory-hard proof of work that binds an
 * address to its public key, generation, validation, signing and key agreement (spec 01 §9).
 */
package net.ztj.core.identity;
