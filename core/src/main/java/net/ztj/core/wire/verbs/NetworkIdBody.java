package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * A body that is a bare network ID: OK(EXT_FRAME) after the {@link OkHeader} (spec 02 §8.7) and, more
 * generally, any payload that names only a network.
 */
public record NetworkIdBody(long networkId) implements VerbPayload {
    public static NetworkIdBody decode(ByteReader r) {
        return new NetworkIdBody(r.u64());
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(networkId);
    }
}
