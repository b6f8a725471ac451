package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * FRAME (spec 02 §8.6, 03 §4.2): an Ethernet frame between the two members' own MACs, which are implicit (derived
 * from the packet's addresses). Offsets are given for the data path, which will read frames in place.
 *
 * @param networkId the network
 * @param etherType the frame's ethertype
 * @param payload   the Ethernet payload
 */
public record Frame(long networkId, int etherType, byte[] payload) implements VerbPayload {
    /** Offset of the ethertype in the payload. */
    public static final int ETHERTYPE_OFFSET = 8;
    /** Offset of the Ethernet payload in the payload. */
    public static final int DATA_OFFSET = 10;

    public static Frame decode(ByteReader r) {
        return new Frame(r.u64(), r.u16(), r.bytes(r.remaining()));
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(networkId).u16(etherType).bytes(payload);
    }
}
