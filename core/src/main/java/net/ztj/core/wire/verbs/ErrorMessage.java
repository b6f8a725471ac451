package net.ztj.core.wire.verbs;

import net.ztj.core.wire.BigEndian;
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
    /** Offset of the error code: after the in-re verb and packet ID, laid out as in {@link OkHeader}. */
    public static final int CODE_OFFSET = OkHeader.LENGTH;
    /** Bytes of the header (in-re verb, in-re packet ID, code); the detail follows. */
    public static final int HEADER_LENGTH = CODE_OFFSET + 1;
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
        return withNetworkId(inReVerb, inRePacketId, ErrorCode.NETWORK_AUTHENTICATION_REQUIRED, networkId, dictionary);
    }

    /** An error whose detail is a network ID, then u16 length and a dictionary if one is given (not null). */
    public static ErrorMessage withNetworkId(Verb inReVerb, long inRePacketId, ErrorCode code, long networkId,
                                             byte[] dictionary) {
        ByteWriter w = new ByteWriter(10 + (dictionary == null ? 0 : dictionary.length)).u64(networkId);
        if (dictionary != null) w.u16(dictionary.length).bytes(dictionary);
        return new ErrorMessage(inReVerb, inRePacketId, code, w.toByteArray());
    }

    /**
     * @throws MalformedException if truncated, about an unknown verb, or with an unknown error code (1.14 acts on
     *                            none of these)
     */
    public static ErrorMessage decode(ByteReader r) {
        OkHeader.need(r, HEADER_LENGTH);
        byte[] b = r.array();
        int at = r.position();
        Verb verb = OkHeader.verb(OkHeader.inReVerbCode(b, at));
        int c = errorCode(b, at);
        ErrorCode code = ErrorCode.fromCode(c);
        if (code == null) throw new MalformedException("unknown error code " + c);
        r.skip(HEADER_LENGTH);
        return new ErrorMessage(verb, OkHeader.inRePacketId(b, at), code, r.bytes(r.remaining()));
    }

    /**
     * The error code byte of an ERROR payload at {@code off}, as sent (1.14 ignores codes it does not know). The data
     * path's decoder, with {@link OkHeader#inReVerbCode} and {@link OkHeader#inRePacketId} for the rest of the
     * header: the caller has checked that {@link #HEADER_LENGTH} bytes are there.
     */
    public static int errorCode(byte[] b, int off) {
        return BigEndian.u8(b, off + CODE_OFFSET);
    }

    /**
     * The network ID that starts the detail of the ERROR payload {@code b[off..end)} (OBJ_NOT_FOUND,
     * NEED_MEMBERSHIP_CERTIFICATE, NETWORK_ACCESS_DENIED...).
     *
     * @throws MalformedException if the detail is shorter than 8 bytes (1.14 drops such an ERROR)
     */
    public static long detailNetworkId(byte[] b, int off, int end) {
        if (end - off < HEADER_LENGTH + 8) throw new MalformedException("ERROR without its network ID");
        return BigEndian.u64(b, off + HEADER_LENGTH);
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
