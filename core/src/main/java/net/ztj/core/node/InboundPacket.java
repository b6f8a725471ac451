package net.ztj.core.node;

import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.Verb;

/**
 * An authenticated, decrypted, decompressed packet from a known peer.
 *
 * @param verb null for verbs this node does not know (they still count as traffic)
 */
record InboundPacket(long now, long socket, Endpoint from, Peer peer, long packetId, int hops, Verb verb,
                     byte[] payload) {
    boolean direct() {
        return hops == 0;
    }
}
