package net.ztj.core.network.credentials;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.wire.verbs.NetworkCredentials;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The parsed NETWORK_CREDENTIALS payload (spec 03 §8.7): COMs, then capabilities, tags, revocations and COOs.
 * Framing is delegated to the wire codec {@link NetworkCredentials}; this type parses each credential strictly.
 * Sections after the COM list are optional on decode (empty when the payload ends); encoding writes all of them.
 */
public record NetworkCredentialsPayload(List<CertificateOfMembership> certificatesOfMembership,
                                        List<Capability> capabilities, List<Tag> tags, List<Revocation> revocations,
                                        List<CertificateOfOwnership> certificatesOfOwnership) {
    public NetworkCredentialsPayload {
        certificatesOfMembership = List.copyOf(certificatesOfMembership);
        capabilities = List.copyOf(capabilities);
        tags = List.copyOf(tags);
        revocations = List.copyOf(revocations);
        certificatesOfOwnership = List.copyOf(certificatesOfOwnership);
    }

    /** A payload carrying only revocations, as a controller sends on deauthorization. */
    public static NetworkCredentialsPayload ofRevocations(List<Revocation> revocations) {
        return new NetworkCredentialsPayload(List.of(), List.of(), List.of(), revocations, List.of());
    }

    /** The wire form, each credential serialized. */
    public NetworkCredentials toWire() {
        return new NetworkCredentials(map(certificatesOfMembership, CertificateOfMembership::serialize),
                map(capabilities, Capability::serialize), map(tags, Tag::serialize),
                map(revocations, Revocation::serialize), map(certificatesOfOwnership, CertificateOfOwnership::serialize));
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(512);
        toWire().encode(w);
        return w.toByteArray();
    }

    /** Parses every credential of a framed payload. @throws MalformedException if any is ill-formed */
    public static NetworkCredentialsPayload fromWire(NetworkCredentials wire) {
        return new NetworkCredentialsPayload(map(wire.certificatesOfMembership(), CertificateOfMembership::parse),
                map(wire.capabilities(), Capability::parse), map(wire.tags(), Tag::parse),
                map(wire.revocations(), Revocation::parse),
                map(wire.certificatesOfOwnership(), CertificateOfOwnership::parse));
    }

    /** Decodes a whole payload. @throws MalformedException if it is truncated or any credential is ill-formed */
    public static NetworkCredentialsPayload decode(byte[] payload) {
        return fromWire(NetworkCredentials.decode(new ByteReader(payload)));
    }

    private static <A, B> List<B> map(List<A> in, Function<A, B> f) {
        List<B> out = new ArrayList<>(in.size());
        for (A a : in) out.add(f.apply(a));
        return out;
    }
}
