package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * EXT_FRAME (spec 02 §8.7, 03 §4.3): an Ethernet frame with explicit MACs, for bridged traffic and rule-engine
 * copies.
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
    public static final int FLAG_COM_ATTACHED = 0x01;
    /** The receiver should answer OK(EXT_FRAME). */
    public static final int FLAG_ACK_REQUESTED = 0x10;

    public ExtFrame {
        if (((flags & FLAG_COM_ATTACHED) != 0) != (com != null)) {
            throw new IllegalArgumentException("COM present iff flag 0x01");
        }
    }

    /** @throws net.ztj.core.wire.MalformedException if truncated or the COM is ill-formed */
    public static ExtFrame decode(ByteReader r) {
        long nwid = r.u64();
        int flags = r.u8();
        byte[] com = (flags & FLAG_COM_ATTACHED) != 0 ? CredentialSpans.com(r) : null;
        return new ExtFrame(nwid, flags, com, r.u48(), r.u48(), r.u16(), r.bytes(r.remaining()));
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(networkId).u8(flags);
        if (com != null) w.bytes(com);
        w.u48(destinationMac).u48(sourceMac).u16(etherType).bytes(payload);
    }
}
