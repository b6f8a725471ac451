/** zerotier-idtool: identity generation, validation, signing and verification, as ZeroTier One's idtool does it. */
package net.ztj.cli.idtool;
