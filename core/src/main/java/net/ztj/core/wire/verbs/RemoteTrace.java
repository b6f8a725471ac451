package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * REMOTE_TRACE (spec 02 §8.19): one or more NUL-terminated dictionaries of trace events, kept raw (without their
 * terminators). A last dictionary missing its NUL is accepted.
 */
public record RemoteTrace(List<byte[]> dictionaries) implements VerbPayload {
    public RemoteTrace {
        dictionaries = List.copyOf(dictionaries);
    }

    public static RemoteTrace decode(ByteReader r) {
        List<byte[]> list = new ArrayList<>();
        byte[] b = r.array();
        while (r.hasRemaining()) {
            int start = r.position();
            int end = start;
            while (end < r.limit() && b[end] != 0) end++;
            list.add(r.bytes(end - start));
            if (r.hasRemaining()) r.skip(1);
        }
        return new RemoteTrace(list);
    }

    @Override
    public void encode(ByteWriter w) {
        for (byte[] d : dictionaries) w.bytes(d).u8(0);
    }
}
