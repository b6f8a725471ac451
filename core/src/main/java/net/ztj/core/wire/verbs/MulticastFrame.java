package net.ztj.core.wire.verbs;

import net.ztj.core.wire.BigEndian;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * MULTICAST_FRAME (spec 02 §8.15, 03 §6.1): an Ethernet frame to a multicast group. Which optional fields are on
 * the wire is decided by the flags; fields whose flag is clear are ignored when encoding and 0 (null for the COM)
 * when decoded. The data path reads it in place with a {@link View}.
 *
 * @param networkId      the network
 * @param flags          {@link #FLAG_COM_ATTACHED}, {@link #FLAG_GATHER_LIMIT}, {@link #FLAG_SOURCE_MAC},
 *                       {@link #FLAG_PLEASE_REPLICATE}
 * @param com            certificate of membership iff flag 0x01, else null
 * @param gatherLimit    implicit gather limit (unsigned 32 bits) if flag 0x02
 * @param sourceMac      explicit source MAC if flag 0x04 (otherwise the sender's own MAC is meant)
 * @param destinationMac the group MAC
 * @param adi            the group ADI (unsigned 32 bits)
 * @param etherType      the frame's ethertype
 * @param payload        the Ethernet payload (1..10000 bytes for receivers to act on it)
 */
public record MulticastFrame(long networkId, int flags, byte[] com, long gatherLimit, long sourceMac,
                             long destinationMac, long adi, int etherType, byte[] payload) implements VerbPayload {
    /** A certificate of membership follows the flags (deprecated). */
    public static final int FLAG_COM_ATTACHED = PayloadView.Flagged.FLAG_COM_ATTACHED;
    /** An implicit gather limit follows. */
    public static final int FLAG_GATHER_LIMIT = 0x02;
    /** An explicit source MAC follows. */
    public static final int FLAG_SOURCE_MAC = 0x04;
    /** The recipient, if a multicast replicator, should forward to the group. */
    public static final int FLAG_PLEASE_REPLICATE = 0x08;
    /** Offset of the flags in the payload. */
    public static final int FLAGS_OFFSET = PayloadView.Flagged.FLAGS_OFFSET;
    /** Offset of the first optional field. */
    public static final int OPTIONAL_OFFSET = PayloadView.Flagged.COM_OFFSET;
    /** Bytes from the group MAC to the Ethernet payload: MAC, ADI, ethertype. */
    private static final int GROUP_AND_ETHERTYPE = 12;

    public MulticastFrame {
        if (((flags & FLAG_COM_ATTACHED) != 0) != (com != null)) {
            throw new IllegalArgumentException("COM present iff flag 0x01");
        }
    }

    /** @throws net.ztj.core.wire.MalformedException if truncated or the COM is ill-formed */
    public static MulticastFrame decode(ByteReader r) {
        View v = new View();
        v.wrapAll(r, "MULTICAST_FRAME");
        return new MulticastFrame(v.networkId(), v.flags(), v.comCopy(), v.gatherLimit(), v.sourceMac(), v.destinationMac(),
                v.adi(), v.etherType(), v.dataCopy());
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(networkId).u8(flags);
        if (com != null) w.bytes(com);
        if ((flags & FLAG_GATHER_LIMIT) != 0) w.u32(gatherLimit);
        if ((flags & FLAG_SOURCE_MAC) != 0) w.u48(sourceMac);
        w.u48(destinationMac).u32(adi).u16(etherType).bytes(payload);
    }

    /**
     * MULTICAST_FRAME read in place: {@code [network ID 8][flags 1][COM?][gather limit 4?][source MAC 6?][group MAC 6]
     * [ADI 4][ethertype 2][Ethernet payload]}.
     */
    public static final class View extends PayloadView.Flagged {
        private int group;

        @Override
        boolean layoutAfterCom(int at) {
            int flags = flags();
            if ((flags & FLAG_GATHER_LIMIT) != 0) at += 4;
            if ((flags & FLAG_SOURCE_MAC) != 0) at += 6;
            group = at;
            return end - group >= GROUP_AND_ETHERTYPE;
        }

        /** The implicit gather limit (unsigned 32 bits), 0 without flag 0x02. */
        public long gatherLimit() {
            return (flags() & FLAG_GATHER_LIMIT) != 0 ? BigEndian.u32(buf, comEnd()) : 0;
        }

        public boolean hasSourceMac() {
            return (flags() & FLAG_SOURCE_MAC) != 0;
        }

        /** The explicit source MAC, 0 without flag 0x04. */
        public long sourceMac() {
            return hasSourceMac() ? BigEndian.u48(buf, group - 6) : 0;
        }

        public boolean pleaseReplicate() {
            return (flags() & FLAG_PLEASE_REPLICATE) != 0;
        }

        public long destinationMac() {
            return BigEndian.u48(buf, group);
        }

        public long adi() {
            return BigEndian.u32(buf, group + 6);
        }

        public int etherType() {
            return BigEndian.u16(buf, group + 10);
        }

        @Override
        public int dataOffset() {
            return group + GROUP_AND_ETHERTYPE;
        }
    }
}
