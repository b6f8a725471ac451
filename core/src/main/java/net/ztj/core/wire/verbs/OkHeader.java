package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.wire.Verb;

/**
 * The start of every OK payload (spec 02 §8.0): the verb and the wire packet ID of the request it answers (for
 * suite 3 requests that is the first tag half, not the ID chosen before armoring). The verb-specific body follows.
 *
 * @param inReVerb     the request's verb
 * @param inRePacketId the request's packet ID as it was on the wire
 */
public record OkHeader(Verb inReVerb, long inRePacketId) implements VerbPayload {
    /** Bytes of the header. */
    public static final int LENGTH = 9;

    public OkHeader {
        if (inReVerb == null) throw new IllegalArgumentException("in-re verb required");
    }

    /**
     * Reads the header and leaves the reader at the body.
     *
     * @throws MalformedException if truncated or about an unknown verb (which no handler could act on)
     */
    public static OkHeader decode(ByteReader r) {
        return new OkHeader(readVerb(r), r.u64());
    }

    @Override
    public void encode(ByteWriter w) {
        w.u8(inReVerb.code).u64(inRePacketId);
    }

    static Verb readVerb(ByteReader r) {
        int code = r.u8();
        Verb v = Verb.fromCode(code);
        if (v == null) throw new MalformedException("in-re verb unknown: 0x" + Integer.toHexString(code));
        return v;
    }
}
