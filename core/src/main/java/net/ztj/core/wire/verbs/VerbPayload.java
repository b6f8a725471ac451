package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteWriter;

/**
 * A decoded verb payload (or, for OK replies, the part after the {@link OkHeader}) that can write itself back.
 * Byte arrays inside the records are not copied: treat them as immutable.
 */
public interface VerbPayload {
    /** Appends the wire form. */
    void encode(ByteWriter w);

    /** The wire form as a new array. */
    default byte[] toBytes() {
        ByteWriter w = new ByteWriter();
        encode(w);
        return w.toByteArray();
    }
}
