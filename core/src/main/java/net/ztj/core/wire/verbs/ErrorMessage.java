package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.ErrorCode;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.wire.Verb;

/**
 * An ERROR payload (spec 02 §8.0, §8.3): the request it is about, the error code and error-specific bytes. The
 * network-ID forms are read with the accessors below, which throw {@link MalformedException} if the bytes are not
 * there.
 *
 * @param inReVerb     the request's verb
 * @param inRePacketId the request's packet ID as on the wire
 * @param code         the error
 * @param detail       the bytes after the code (empty if none)
 */
public record ErrorMessage(Verb inReVerb, long inRePacketId, ErrorCode code, byte[] detail) implements VerbPayload {
    public ErrorMessage {
        if (inReVerb == null || code == null) throw new IllegalArgumentException("verb and code required");
        if (detail == null) detail = new byte[0];
    }

    /** An error without detail. */
    public static ErrorMessage of(Verb inReVerb, long inRePacketId, ErrorCode code) {
        return new ErrorMessage(inReVerb, inRePacketId, code, new byte[0]);
    }

    /** An error whose detail is a network ID (OBJ_NOT_FOUND, UNSUPPORTED_OPERATION, NEED_MEMBERSHIP_CERTIFICATE...). */
    public static ErrorMessage withNetworkId(Verb inReVerb, long inRePacketId, ErrorCode code, long networkId) {
        return new ErrorMessage(inReVerb, inRePacketId, code, new ByteWriter(8).u64(networkId).toByteArray());
    }

    /** UNWANTED_MULTICAST: network ID, multicast MAC, ADI. */
    public static ErrorMessage unwantedMulticast(Verb inReVerb, long inRePacketId, long networkId, long mac, long adi) {
        return new ErrorMessage(inReVerb, inRePacketId, ErrorCode.UNWANTED_MULTICAST,
                new ByteWriter(18).u64(networkId).u48(mac).u32(adi).toByteArray());
    }

    /** NETWORK_AUTHENTICATION_REQUIRED: network ID, then u16 length and the SSO dictionary if given. */
    public static ErrorMessage authenticationRequired(Verb inReVerb, long inRePacketId, long networkId,
                                                      byte[] dictionary) {
        ByteWriter w = new ByteWriter(10 + (dictionary == null ? 0 : dictionary.length)).u64(networkId);
        if (dictionary != null) w.u16(dictionary.length).bytes(dictionary);
        return new ErrorMessage(inReVerb, inRePacketId, ErrorCode.NETWORK_AUTHENTICATION_REQUIRED, w.toByteArray());
    }

    /**
     * @throws MalformedException if truncated, about an unknown verb, or with an unknown error code (1.14 acts on
     *                            none of these)
     */
    public static ErrorMessage decode(ByteReader r) {
        Verb verb = OkHeader.readVerb(r);
        long id = r.u64();
        int c = r.u8();
        ErrorCode code = ErrorCode.fromCode(c);
        if (code == null) throw new MalformedException("unknown error code " + c);
        return new ErrorMessage(verb, id, code, r.bytes(r.remaining()));
    }

    @Override
    public void encode(ByteWriter w) {
        w.u8(inReVerb.code).u64(inRePacketId).u8(code.code).bytes(detail);
    }

    /** The network ID at the start of the detail. @throws MalformedException if shorter than 8 bytes */
    public long networkId() {
        return new ByteReader(detail).u64();
    }

    /** UNWANTED_MULTICAST's group MAC (48 bits). @throws MalformedException if absent */
    public long multicastMac() {
        ByteReader r = new ByteReader(detail);
        r.skip(8);
        return r.u48();
    }

    /** UNWANTED_MULTICAST's ADI (unsigned 32 bits). @throws MalformedException if absent */
    public long multicastAdi() {
        ByteReader r = new ByteReader(detail);
        r.skip(14);
        return r.u32();
    }

    /**
     * NETWORK_AUTHENTICATION_REQUIRED's dictionary bytes: present if at least 2 bytes follow the network ID, else
     * null.
     *
     * @throws MalformedException if the declared length runs past the payload
     */
    public byte[] authenticationDictionary() {
        ByteReader r = new ByteReader(detail);
        r.skip(8);
        if (r.remaining() < 2) return null;
        return r.bytes(r.u16());
    }
}
