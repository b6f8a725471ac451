package net.ztj.core.node.peer;

import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.Verb;

/**
 * An authenticated, decrypted, decompressed packet from a known peer. Its payload is
 * {@code buffer[offset..offset+length)}, which every handler decodes in place with its verb's codec. The buffer is
 * valid only while the packet is being handled.
 *
 * @param verb null for verbs this node does not know (they still count as traffic)
 */
public record InboundPacket(long now, long socket, Endpoint from, Peer peer, long packetId, int hops, Verb verb,
                     byte[] buffer, int offset, int length) {
    public InboundPacket(long now, long socket, Endpoint from, Peer peer, long packetId, int hops, Verb verb, byte[] payload) {
        this(now, socket, from, peer, packetId, hops, verb, payload, 0, payload.length);
    }

    public boolean direct() {
        return hops == 0;
    }

    /** A reader over the payload, in place. */
    public net.ztj.core.wire.ByteReader reader() {
        return new net.ztj.core.wire.ByteReader(buffer, offset, offset + length);
    }
}
