package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * MULTICAST_LIKE (spec 02 §8.9, 03 §6.1): multicast groups the sender subscribes to, possibly on several
 * networks. Bytes after the last whole entry are ignored, as by the reference.
 */
public record MulticastLike(List<Subscription> subscriptions) implements VerbPayload {
    /** Bytes per entry. */
    public static final int ENTRY_LENGTH = 18;

    /** One subscription: network, group MAC (48 bits), ADI (unsigned 32 bits). */
    public record Subscription(long networkId, long mac, long adi) {}

    public MulticastLike {
        subscriptions = List.copyOf(subscriptions);
    }

    public static MulticastLike decode(ByteReader r) {
        List<Subscription> list = new ArrayList<>(r.remaining() / ENTRY_LENGTH);
        while (r.remaining() >= ENTRY_LENGTH) list.add(new Subscription(r.u64(), r.u48(), r.u32()));
        return new MulticastLike(list);
    }

    @Override
    public void encode(ByteWriter w) {
        for (Subscription s : subscriptions) w.u64(s.networkId()).u48(s.mac()).u32(s.adi());
    }
}
