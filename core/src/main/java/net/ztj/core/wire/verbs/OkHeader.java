package net.ztj.core.wire.verbs;

import net.ztj.core.wire.BigEndian;
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
    /** Offset of the request's packet ID. */
    public static final int IN_RE_PACKET_ID_OFFSET = 1;

    public OkHeader {
        if (inReVerb == null) throw new IllegalArgumentException("in-re verb required");
    }

    /**
     * Reads the header and leaves the reader at the body.
     *
     * @throws MalformedException if truncated or about an unknown verb (which no handler could act on)
     */
    public static OkHeader decode(ByteReader r) {
        need(r, LENGTH);
        Verb verb = verb(inReVerbCode(r.array(), r.position()));
        long id = inRePacketId(r.array(), r.position());
        r.skip(LENGTH);
        return new OkHeader(verb, id);
    }

    /**
     * The in-re verb byte of an OK or ERROR payload at {@code off}, as sent: 1.14 compares it with the verb codes
     * unmasked, and an unknown one is no error (the reply is simply not acted on). The data path's decoder: the caller
     * has checked that {@link #LENGTH} bytes are there.
     */
    public static int inReVerbCode(byte[] b, int off) {
        return BigEndian.u8(b, off);
    }

    /** The in-re packet ID of an OK or ERROR payload at {@code off} (see {@link #inReVerbCode}). */
    public static long inRePacketId(byte[] b, int off) {
        return BigEndian.u64(b, off + IN_RE_PACKET_ID_OFFSET);
    }

    @Override
    public void encode(ByteWriter w) {
        w.u8(inReVerb.code).u64(inRePacketId);
    }

    /** @throws MalformedException if the payload is shorter than the header (checked before anything is read) */
    static void need(ByteReader r, int length) {
        if (r.remaining() < length) throw new MalformedException("reply header truncated");
    }

    static Verb verb(int code) {
        Verb v = Verb.fromCode(code);
        if (v == null) throw new MalformedException("in-re verb unknown: 0x" + Integer.toHexString(code));
        return v;
    }
}
