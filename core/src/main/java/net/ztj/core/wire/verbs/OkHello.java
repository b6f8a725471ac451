package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.MalformedException;

/**
 * The body of OK(HELLO) after the {@link OkHeader} (spec 02 §8.2): the echoed timestamp, the responder's
 * versions, where the responder saw the HELLO come from, and serialized World updates (left raw here: whether to
 * parse them depends on who sent them). Fields after the revision are optional on decode, as older nodes omit them.
 *
 * @param timestamp       the HELLO's timestamp, echoed
 * @param protocolVersion the responder's protocol version
 * @param major           responder's software major version
 * @param minor           responder's software minor version
 * @param revision        responder's software revision
 * @param physicalSource  the HELLO's source address as seen by the responder, or null
 * @param worldUpdates    zero or more concatenated serialized Worlds (spec 02 §10.1); empty if none
 */
public record OkHello(long timestamp, int protocolVersion, int major, int minor, int revision,
                      Endpoint physicalSource, byte[] worldUpdates) implements VerbPayload {
    public OkHello {
        if (worldUpdates == null) worldUpdates = new byte[0];
        if (worldUpdates.length > 0xffff) throw new IllegalArgumentException("world updates too long");
    }

    /** @throws MalformedException if truncated inside a field */
    public static OkHello decode(ByteReader r) {
        long timestamp = r.u64();
        int protocolVersion = r.u8();
        int major = r.u8();
        int minor = r.u8();
        int revision = r.u16();
        Endpoint source = null;
        byte[] worlds = new byte[0];
        if (r.hasRemaining()) source = Endpoint.read(r);
        if (r.remaining() >= 2) worlds = r.bytes(r.u16());
        return new OkHello(timestamp, protocolVersion, major, minor, revision, source, worlds);
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(timestamp).u8(protocolVersion).u8(major).u8(minor).u16(revision);
        Endpoint.write(w, physicalSource);
        w.u16(worldUpdates.length).bytes(worldUpdates);
    }
}
