package net.ztj.core.wire.verbs;

import net.ztj.core.wire.BigEndian;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * FRAME (spec 02 §8.6, 03 §4.2): an Ethernet frame between the two members' own MACs, which are implicit (derived
 * from the packet's addresses). The data path reads it in place with a {@link View}; the record is for tests and
 * tools.
 *
 * @param networkId the network
 * @param etherType the frame's ethertype
 * @param payload   the Ethernet payload
 */
public record Frame(long networkId, int etherType, byte[] payload) implements VerbPayload {
    /** Offset of the ethertype in the payload. */
    public static final int ETHERTYPE_OFFSET = 8;
    /** Offset of the Ethernet payload in the payload (the header length). */
    public static final int DATA_OFFSET = 10;

    /** @throws net.ztj.core.wire.MalformedException if shorter than the header */
    public static Frame decode(ByteReader r) {
        View v = new View();
        v.wrapAll(r, "FRAME");
        return new Frame(v.networkId(), v.etherType(), v.dataCopy());
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(networkId).u16(etherType).bytes(payload);
    }

    /** FRAME read in place: {@code [network ID 8][ethertype 2][Ethernet payload]}. */
    public static final class View extends PayloadView {
        @Override
        boolean layout() {
            return end - off >= DATA_OFFSET;
        }

        public int etherType() {
            return BigEndian.u16(buf, off + ETHERTYPE_OFFSET);
        }

        @Override
        public int dataOffset() {
            return off + DATA_OFFSET;
        }
    }
}
