package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * MULTICAST_GATHER (spec 02 §8.14, 03 §6.1): a request for known members of a multicast group.
 *
 * @param networkId   the network
 * @param flags       {@link #FLAG_COM_ATTACHED} or 0
 * @param mac         group MAC (48 bits)
 * @param adi         group ADI (unsigned 32 bits)
 * @param gatherLimit most members wanted (unsigned 32 bits)
 * @param com         the attached certificate of membership if flag 0x01 and one is there, else null: 1.14 discards a
 *                    missing or ill-formed COM and still answers the gather
 */
public record MulticastGather(long networkId, int flags, long mac, long adi, long gatherLimit, byte[] com)
        implements VerbPayload {
    /** A certificate of membership follows. */
    public static final int FLAG_COM_ATTACHED = 0x01;

    public MulticastGather {
        if ((flags & FLAG_COM_ATTACHED) == 0 && com != null) throw new IllegalArgumentException("COM without flag 0x01");
    }

    /** @throws net.ztj.core.wire.MalformedException if truncated before the end of the gather limit */
    public static MulticastGather decode(ByteReader r) {
        long nwid = r.u64();
        int flags = r.u8();
        long mac = r.u48();
        long adi = r.u32();
        long limit = r.u32();
        byte[] com = null;
        if ((flags & FLAG_COM_ATTACHED) != 0) {
            int end = CredentialSpans.comEnd(r.array(), r.position(), r.limit());
            if (end >= 0) com = r.copyOfRange(r.position(), end);
        }
        r.seek(r.limit());
        return new MulticastGather(nwid, flags, mac, adi, limit, com);
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(networkId).u8(flags).u48(mac).u32(adi).u32(gatherLimit);
        if (com != null) w.bytes(com);
    }
}
