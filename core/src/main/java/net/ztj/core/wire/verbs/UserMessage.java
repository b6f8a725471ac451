package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * USER_MESSAGE (spec 02 §8.18): an application message with a 64-bit type ID (IDs up to 65535 are reserved by
 * ZeroTier), delivered to the application.
 */
public record UserMessage(long typeId, byte[] data) implements VerbPayload {
    public UserMessage {
        if (data == null) data = new byte[0];
    }

    public static UserMessage decode(ByteReader r) {
        return new UserMessage(r.u64(), r.bytes(r.remaining()));
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(typeId).bytes(data);
    }
}
