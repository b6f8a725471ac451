package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * NETWORK_CREDENTIALS (spec 02 §8.10, 03 §8.7): credentials pushed to a peer, each kept as its serialized bytes
 * (delimited by {@link CredentialSpans}; the network layer parses and verifies them). Sections after the COM list
 * are optional on decode; encoding always writes all of them.
 */
public record NetworkCredentials(List<byte[]> certificatesOfMembership, List<byte[]> capabilities, List<byte[]> tags,
                                 List<byte[]> revocations, List<byte[]> certificatesOfOwnership)
        implements VerbPayload {
    public NetworkCredentials {
        certificatesOfMembership = List.copyOf(certificatesOfMembership);
        capabilities = List.copyOf(capabilities);
        tags = List.copyOf(tags);
        revocations = List.copyOf(revocations);
        certificatesOfOwnership = List.copyOf(certificatesOfOwnership);
    }

    /** @throws MalformedException if a credential is truncated or ill-formed, or the COM list is unterminated */
    public static NetworkCredentials decode(ByteReader r) {
        List<byte[]> coms = new ArrayList<>();
        while (r.peekU8() != 0) coms.add(CredentialSpans.com(r));
        r.u8();
        List<byte[]> caps = section(r, CredentialSpans::capability);
        List<byte[]> tags = section(r, CredentialSpans::tag);
        List<byte[]> revs = section(r, CredentialSpans::revocation);
        List<byte[]> coos = section(r, CredentialSpans::certificateOfOwnership);
        return new NetworkCredentials(coms, caps, tags, revs, coos);
    }

    private static List<byte[]> section(ByteReader r, Function<ByteReader, byte[]> reader) {
        if (!r.hasRemaining()) return List.of();
        int n = r.u16();
        List<byte[]> list = new ArrayList<>(Math.min(n, r.remaining()));
        for (int i = 0; i < n; i++) list.add(reader.apply(r));
        return list;
    }

    @Override
    public void encode(ByteWriter w) {
        for (byte[] c : certificatesOfMembership) w.bytes(c);
        w.u8(0);
        for (List<byte[]> section : List.of(capabilities, tags, revocations, certificatesOfOwnership)) {
            w.u16(section.size());
            for (byte[] c : section) w.bytes(c);
        }
    }
}
