/**
 * ZeroTier's key=value dictionary text format (spec 03 §7.4): the encoding of network configurations and of
 * configuration request metadata. Byte-exact with 1.14, including its escaping and lookup quirks.
 */
package net.ztj.core.network.dictionary;
