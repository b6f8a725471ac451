package net.ztj.core.wire.verbs;

import net.ztj.core.wire.BigEndian;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * EXT_FRAME (spec 02 §8.7, 03 §4.3): an Ethernet frame with explicit MACs, for bridged traffic and rule-engine
 * copies. The data path reads it in place with a {@link View}.
 *
 * @param networkId      the network
 * @param flags          {@link #FLAG_COM_ATTACHED}, sub-type bits, {@link #FLAG_ACK_REQUESTED}
 * @param com            the attached certificate of membership (serialized) iff flag 0x01, else null
 * @param destinationMac destination MAC (48 bits)
 * @param sourceMac      source MAC (48 bits)
 * @param etherType      the frame's ethertype
 * @param payload        the Ethernet payload
 */
public record ExtFrame(long networkId, int flags, byte[] com, long destinationMac, long sourceMac, int etherType,
                       byte[] payload) implements VerbPayload {
    /** A certificate of membership follows the flags (deprecated; 1.14 never sets it). */
    public static final int FLAG_COM_ATTACHED = PayloadView.Flagged.FLAG_COM_ATTACHED;
    /** The receiver should answer OK(EXT_FRAME). */
    public static final int FLAG_ACK_REQUESTED = 0x10;
    /** Offset of the flags in the payload. */
    public static final int FLAGS_OFFSET = PayloadView.Flagged.FLAGS_OFFSET;
    /** Offset of the optional COM, else of the MACs. */
    public static final int COM_OFFSET = PayloadView.Flagged.COM_OFFSET;
    /** Bytes from the destination MAC to the Ethernet payload: two MACs and the ethertype. */
    private static final int MACS_AND_ETHERTYPE = 14;
    /** Header length without a COM: the offset of the Ethernet payload. */
    public static final int HEADER_LENGTH = COM_OFFSET + MACS_AND_ETHERTYPE;

    public ExtFrame {
        if (((flags & FLAG_COM_ATTACHED) != 0) != (com != null)) {
            throw new IllegalArgumentException("COM present iff flag 0x01");
        }
    }

    /** @throws net.ztj.core.wire.MalformedException if truncated or the COM is ill-formed */
    public static ExtFrame decode(ByteReader r) {
        View v = new View();
        v.wrapAll(r, "EXT_FRAME");
        return new ExtFrame(v.networkId(), v.flags(), v.comCopy(), v.destinationMac(), v.sourceMac(), v.etherType(),
                v.dataCopy());
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(networkId).u8(flags);
        if (com != null) w.bytes(com);
        w.u48(destinationMac).u48(sourceMac).u16(etherType).bytes(payload);
    }

    /**
     * Writes the header of an EXT_FRAME without a COM ({@link #HEADER_LENGTH} bytes) at {@code at}: the data path
     * sends it in front of the Ethernet payload without building a record.
     */
    public static void writeHeader(byte[] b, int at, long networkId, int flags, long destinationMac, long sourceMac,
                                   int etherType) {
        BigEndian.putU64(b, at, networkId);
        b[at + FLAGS_OFFSET] = (byte) flags;
        BigEndian.putU48(b, at + COM_OFFSET, destinationMac);
        BigEndian.putU48(b, at + COM_OFFSET + 6, sourceMac);
        BigEndian.putU16(b, at + COM_OFFSET + 12, etherType);
    }

    /** EXT_FRAME read in place: {@code [network ID 8][flags 1][COM?][to 6][from 6][ethertype 2][Ethernet payload]}. */
    public static final class View extends PayloadView.Flagged {
        private int macs;

        @Override
        boolean layoutAfterCom(int at) {
            macs = at;
            return end - macs >= MACS_AND_ETHERTYPE;
        }

        public boolean ackRequested() {
            return (flags() & FLAG_ACK_REQUESTED) != 0;
        }

        public long destinationMac() {
            return BigEndian.u48(buf, macs);
        }

        public long sourceMac() {
            return BigEndian.u48(buf, macs + 6);
        }

        public int etherType() {
            return BigEndian.u16(buf, macs + 12);
        }

        @Override
        public int dataOffset() {
            return macs + MACS_AND_ETHERTYPE;
        }
    }
}
