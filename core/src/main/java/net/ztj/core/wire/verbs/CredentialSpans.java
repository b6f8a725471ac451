package net.ztj.core.wire.verbs;

import net.ztj.core.identity.Address;
import net.ztj.core.wire.BigEndian;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.MalformedException;

/**
 * Delimits serialized network credentials (spec 02 §8.11, 03 §8) inside a payload without interpreting them:
 * each method reads one credential at the reader's position, advances past it and returns its bytes. This is
 * what the frame, multicast and credential verbs need to find what follows a credential; parsing and
 * verification belong to the network layer.
 */
public final class CredentialSpans {
    /** Most qualifiers a certificate of membership may carry. */
    public static final int MAX_COM_QUALIFIERS = 8;
    /** Most rules a capability may carry. */
    public static final int MAX_CAPABILITY_RULES = 64;
    /** Longest custody chain of a capability. */
    public static final int MAX_CUSTODY_CHAIN_LENGTH = 7;
    /** Most things a certificate of ownership may list. */
    public static final int MAX_COO_THINGS = 16;

    private static final int SIGNATURE_TYPE_C25519 = 1;
    private static final int SIGNATURE_LENGTH = 96;

    private CredentialSpans() {}

    /** A certificate of membership: version 1, qualifiers, signer, signature if the signer is not zero. */
    public static byte[] com(ByteReader r) {
        int start = r.position();
        int end = comEnd(r.array(), start, r.limit());
        if (end < 0) throw new MalformedException("certificate of membership ill-formed or truncated");
        r.seek(end);
        return r.copyOfRange(start, end);
    }

    /**
     * Where a certificate of membership starting at {@code at} ends (exclusive), or -1 if it is ill-formed or runs
     * past {@code limit}: the in-place form of {@link #com}, for the data path's views.
     */
    public static int comEnd(byte[] b, int at, int limit) {
        if (limit - at < 3 || b[at] != 1) return -1;
        int n = BigEndian.u16(b, at + 1);
        if (n > MAX_COM_QUALIFIERS) return -1;
        int signer = at + 3 + 24 * n;
        if (limit - signer < Address.LENGTH) return -1;
        int end = signer + Address.LENGTH;
        if (BigEndian.u40(b, signer) != 0) end += SIGNATURE_LENGTH;
        return end <= limit ? end : -1;
    }

    /** A capability: header, rules, custody chain ended by a zero address, extension. */
    public static byte[] capability(ByteReader r) {
        int start = r.position();
        r.skip(8 + 8 + 4);
        int rules = r.u16();
        if (rules > MAX_CAPABILITY_RULES) throw new MalformedException("capability has " + rules + " rules");
        for (int i = 0; i < rules; i++) {
            r.u8();
            r.skip(r.u8());
        }
        int maxChain = r.u8();
        if (maxChain < 1 || maxChain > MAX_CUSTODY_CHAIN_LENGTH) {
            throw new MalformedException("capability custody chain length " + maxChain);
        }
        for (int i = 0; ; i++) {
            if (r.u40() == 0) break;
            if (i >= maxChain) throw new MalformedException("capability custody chain too long");
            r.skip(5);
            signature(r);
        }
        r.skip(r.u16());
        return r.copyOfRange(start, r.position());
    }

    /** A tag: fixed fields, signature, extension. */
    public static byte[] tag(ByteReader r) {
        int start = r.position();
        r.skip(8 + 8 + 4 + 4 + 5 + 5);
        signature(r);
        r.skip(r.u16());
        return r.copyOfRange(start, r.position());
    }

    /** A certificate of ownership: header, things, addresses, signature, extension. */
    public static byte[] certificateOfOwnership(ByteReader r) {
        int start = r.position();
        r.skip(8 + 8 + 8 + 4);
        int things = r.u16();
        if (things > MAX_COO_THINGS) throw new MalformedException("certificate of ownership has " + things + " things");
        r.skip(17 * things + 5 + 5);
        signature(r);
        r.skip(r.u16());
        return r.copyOfRange(start, r.position());
    }

    /** A revocation: fixed fields, signature, extension. */
    public static byte[] revocation(ByteReader r) {
        int start = r.position();
        r.skip(4 + 4 + 8 + 4 + 4 + 8 + 8 + 5 + 5 + 1);
        signature(r);
        r.skip(r.u16());
        return r.copyOfRange(start, r.position());
    }

    /** A signature block: type, length, bytes; type 1 must have length 96. */
    private static void signature(ByteReader r) {
        int type = r.u8();
        int len = r.u16();
        if (type == SIGNATURE_TYPE_C25519 && len != SIGNATURE_LENGTH) {
            throw new MalformedException("signature length " + len);
        }
        r.skip(len);
    }
}
