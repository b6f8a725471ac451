package net.ztj.core.wire.verbs;

import net.ztj.core.identity.Address;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;

import java.util.ArrayList;
import java.util.List;

/**
 * Members of a multicast group as returned by OK(MULTICAST_GATHER) and OK(MULTICAST_FRAME) (spec 02 §8.14,
 * §8.15): how many the responder knows in total, and some of their addresses.
 *
 * @param totalKnown members known to the responder (unsigned 32 bits)
 * @param members    addresses in this reply (at most 65535)
 */
public record GatherResults(long totalKnown, List<Address> members) implements VerbPayload {
    public GatherResults {
        members = List.copyOf(members);
        if (members.size() > 0xffff) throw new IllegalArgumentException("too many members");
    }

    /** @throws MalformedException if truncated */
    public static GatherResults decode(ByteReader r) {
        long total = r.u32();
        int n = r.u16();
        if (n * Address.LENGTH > r.remaining()) throw new MalformedException("member list truncated");
        List<Address> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(new Address(r.u40()));
        return new GatherResults(total, list);
    }

    @Override
    public void encode(ByteWriter w) {
        w.u32(totalKnown).u16(members.size());
        for (Address a : members) w.u40(a.value());
    }
}
