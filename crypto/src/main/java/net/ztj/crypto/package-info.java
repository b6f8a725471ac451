/**
 * The cryptographic primitives of the ZeroTier One 1.x wire, exactly as ZeroTier uses them: SHA-2, Salsa20/12
 * and /20, Poly1305, C25519 (X25519 agreement and 96-byte Ed25519 signatures) and AES-GMAC-SIV.
 * Pure computation: no I/O, no clock, no threads.
 */
package net.ztj.crypto;
