package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * The body of OK(MULTICAST_FRAME) after the {@link OkHeader} (spec 02 §8.15): gather results for an implicit
 * gather (1.14 replies with flags 0x02 only).
 *
 * @param networkId the network
 * @param mac       group MAC (48 bits)
 * @param adi       group ADI (unsigned 32 bits)
 * @param flags     {@link #FLAG_COM_ATTACHED}, {@link #FLAG_GATHER_RESULTS}
 * @param com       certificate of membership iff flag 0x01, else null
 * @param results   gather results iff flag 0x02, else null
 */
public record OkMulticastFrame(long networkId, long mac, long adi, int flags, byte[] com, GatherResults results)
        implements VerbPayload {
    /** A certificate of membership follows (deprecated). */
    public static final int FLAG_COM_ATTACHED = 0x01;
    /** Gather results follow. */
    public static final int FLAG_GATHER_RESULTS = 0x02;

    public OkMulticastFrame {
        if (((flags & FLAG_COM_ATTACHED) != 0) != (com != null)
                || ((flags & FLAG_GATHER_RESULTS) != 0) != (results != null)) {
            throw new IllegalArgumentException("optional fields must match the flags");
        }
    }

    /** @throws net.ztj.core.wire.MalformedException if truncated or the COM is ill-formed */
    public static OkMulticastFrame decode(ByteReader r) {
        long nwid = r.u64();
        long mac = r.u48();
        long adi = r.u32();
        int flags = r.u8();
        byte[] com = (flags & FLAG_COM_ATTACHED) != 0 ? CredentialSpans.com(r) : null;
        GatherResults results = (flags & FLAG_GATHER_RESULTS) != 0 ? GatherResults.decode(r) : null;
        return new OkMulticastFrame(nwid, mac, adi, flags, com, results);
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(networkId).u48(mac).u32(adi).u8(flags);
        if (com != null) w.bytes(com);
        if (results != null) results.encode(w);
    }
}
