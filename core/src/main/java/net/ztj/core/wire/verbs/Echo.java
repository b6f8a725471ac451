package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * ECHO (spec 02 §8.8) and the body of OK(ECHO): arbitrary bytes, copied back by the responder. 1.14 keepalives
 * carry none.
 */
public record Echo(byte[] data) implements VerbPayload {
    public Echo {
        if (data == null) data = new byte[0];
    }

    public static Echo decode(ByteReader r) {
        return new Echo(r.bytes(r.remaining()));
    }

    @Override
    public void encode(ByteWriter w) {
        w.bytes(data);
    }
}
