package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * The body of OK(MULTICAST_GATHER) after the {@link OkHeader} (spec 02 §8.14): the group and its members.
 *
 * @param networkId the network
 * @param mac       group MAC (48 bits)
 * @param adi       group ADI (unsigned 32 bits)
 * @param results   total known and addresses
 */
public record OkMulticastGather(long networkId, long mac, long adi, GatherResults results) implements VerbPayload {
    /** @throws net.ztj.core.wire.MalformedException if truncated */
    public static OkMulticastGather decode(ByteReader r) {
        return new OkMulticastGather(r.u64(), r.u48(), r.u32(), GatherResults.decode(r));
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(networkId).u48(mac).u32(adi);
        results.encode(w);
    }
}
