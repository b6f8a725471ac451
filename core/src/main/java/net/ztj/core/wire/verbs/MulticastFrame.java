package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * MULTICAST_FRAME (spec 02 §8.15, 03 §6.1): an Ethernet frame to a multicast group. Which optional fields are on
 * the wire is decided by the flags; fields whose flag is clear are ignored when encoding and 0 (null for the COM)
 * when decoded.
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
    public static final int FLAG_COM_ATTACHED = 0x01;
    /** An implicit gather limit follows. */
    public static final int FLAG_GATHER_LIMIT = 0x02;
    /** An explicit source MAC follows. */
    public static final int FLAG_SOURCE_MAC = 0x04;
    /** The recipient, if a multicast replicator, should forward to the group. */
    public static final int FLAG_PLEASE_REPLICATE = 0x08;

    public MulticastFrame {
        if (((flags & FLAG_COM_ATTACHED) != 0) != (com != null)) {
            throw new IllegalArgumentException("COM present iff flag 0x01");
        }
    }

    /** @throws net.ztj.core.wire.MalformedException if truncated or the COM is ill-formed */
    public static MulticastFrame decode(ByteReader r) {
        long nwid = r.u64();
        int flags = r.u8();
        byte[] com = (flags & FLAG_COM_ATTACHED) != 0 ? CredentialSpans.com(r) : null;
        long limit = (flags & FLAG_GATHER_LIMIT) != 0 ? r.u32() : 0;
        long source = (flags & FLAG_SOURCE_MAC) != 0 ? r.u48() : 0;
        return new MulticastFrame(nwid, flags, com, limit, source, r.u48(), r.u32(), r.u16(), r.bytes(r.remaining()));
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(networkId).u8(flags);
        if (com != null) w.bytes(com);
        if ((flags & FLAG_GATHER_LIMIT) != 0) w.u32(gatherLimit);
        if ((flags & FLAG_SOURCE_MAC) != 0) w.u48(sourceMac);
        w.u48(destinationMac).u32(adi).u16(etherType).bytes(payload);
    }
}
