/**
 * Payload codecs of every ZeroTier 1.x verb (spec 02 §8): one record per payload with a static {@code decode} over
 * a {@link net.ztj.core.wire.ByteReader} and an {@code encode} onto a {@link net.ztj.core.wire.ByteWriter}. They
 * give the wire layout only; what a node does with a payload is the node's and the network layer's business.
 * Malformed input always surfaces as {@link net.ztj.core.wire.MalformedException}.
 */
package net.ztj.core.wire.verbs;
