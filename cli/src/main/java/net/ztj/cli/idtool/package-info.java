/**
 * zerotier-idtool: identity generation, validation, signing and verification, and moon definition and signing, as
 * ZeroTier One's idtool does them; plus {@code genplanet}, our extension that signs a self-hosted planet in one step.
 */
package net.ztj.cli.idtool;
