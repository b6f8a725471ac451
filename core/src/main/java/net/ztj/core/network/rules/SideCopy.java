package net.ztj.core.network.rules;

import net.ztj.core.identity.Address;

/**
 * A TEE or WATCH copy to send as EXT_FRAME along with an accepted (or redirected) frame: the first
 * {@code length} payload bytes, the original MACs and ethertype, and the flags byte of spec 03 §4.3.
 */
public record SideCopy(Address to, int length, boolean watch, int extFrameFlags) {}
