package net.ztj.core.network.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.addressing.NetworkId;
import net.ztj.crypto.Sha;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** networks_com.json: issuing, signing, verifying, serializing and the agreement rule (03 §8.2). */
class ComVectorsTest {
    private static final JsonNode V = Vectors.json("networks_com.json");
    private static final Identity CONTROLLER = Identity.fromString(V.get("controller_identity_secret").asText());
    private static final Identity MEMBER = Identity.fromString(V.get("member_identity_secret").asText());
    private static final Identity MEMBER2 = Identity.fromString(V.get("member2_identity_secret").asText());
    private static final NetworkId NWID = NetworkId.parse(V.get("networkId").asText());

    private static CertificateOfMembership issued() {
        return CertificateOfMembership.issue(NWID, V.get("timestamp").asLong(), V.get("timestampMaxDelta").asLong(),
                MEMBER);
    }

    @Test
    void memberPublicKeyHash() {
        assertEquals(V.get("member_public_key_hash_sha384").asText(),
                toHex(Sha.sha384(MEMBER.address().toBytes(), MEMBER.publicKey())));
    }

    @Test
    void unsignedAndSigningMessage() {
        CertificateOfMembership com = issued();
        assertEquals(V.get("unsigned_serialized_hex").asText(), toHex(com.serialize()));
        assertEquals(V.get("signing_message_hex").asText(), toHex(com.signingMessage()));
        assertEquals(Verification.INVALID, com.verify(SignerLookup.of(CONTROLLER)));
    }

    @Test
    void signedIsByteExactAndVerifies() {
        CertificateOfMembership com = issued().sign(CONTROLLER);
        assertEquals(V.get("signature_hex").asText(), toHex(com.signature()));
        assertEquals(V.get("signed_serialized_hex").asText(), toHex(com.serialize()));
        assertEquals(V.get("signed_serialized_length").asInt(), com.serialize().length);
        assertTrue(V.get("signature_verifies").asBoolean());
        assertEquals(Verification.VALID, com.verify(SignerLookup.of(CONTROLLER.publicOnly())));
        assertEquals(Verification.SIGNER_UNKNOWN, com.verify(SignerLookup.of(MEMBER)));
        assertEquals(V.get("timestamp").asLong(), com.timestamp());
        assertEquals(NWID, com.networkId());
        assertEquals(MEMBER.address(), com.issuedTo());
    }

    @Test
    void parseRoundTripsAndTamperingBreaksTheSignature() {
        byte[] signed = Vectors.hex(V.get("signed_serialized_hex"));
        CertificateOfMembership com = CertificateOfMembership.parse(signed);
        assertEquals(issued().sign(CONTROLLER), com);
        assertEquals(toHex(signed), toHex(com.serialize()));
        signed[20] ^= 1; // inside the timestamp value
        assertEquals(Verification.INVALID, CertificateOfMembership.parse(signed).verify(SignerLookup.of(CONTROLLER)));
        CertificateOfMembership unsigned = CertificateOfMembership.parse(Vectors.hex(V.get("unsigned_serialized_hex")));
        assertFalse(unsigned.isSigned());
    }

    @Test
    void signerMustBeTheNetworksController() {
        CertificateOfMembership byMember = issued().sign(MEMBER);
        assertEquals(Verification.INVALID, byMember.verify(SignerLookup.of(MEMBER)));
    }

    @Test
    void everyAgreementCase() {
        CertificateOfMembership mine = CertificateOfMembership.parse(Vectors.hex(V.get("signed_serialized_hex")));
        assertEquals(6, V.get("agreement").size());
        for (JsonNode c : V.get("agreement")) {
            String key = c.has("mine_agrees_with_other(other identity = mem2)")
                    ? "mine_agrees_with_other(other identity = mem2)" : "mine_agrees_with_other(other identity = mem)";
            Identity other = key.endsWith("mem2)") ? MEMBER2 : MEMBER;
            CertificateOfMembership theirs = CertificateOfMembership.parse(Vectors.hex(c.get("other_com_hex")));
            assertEquals(c.get(key).asBoolean(), mine.agreesWith(theirs, other), c.get("case").asText());
            assertEquals(Verification.VALID, theirs.verify(SignerLookup.of(CONTROLLER)), c.get("case").asText());
        }
    }

    @Test
    void agreementNeedsQualifiers() {
        CertificateOfMembership mine = issued();
        CertificateOfMembership empty = CertificateOfMembership.parse(Vectors.hex("0100000000000000"));
        assertFalse(mine.agreesWith(empty, MEMBER));
        assertFalse(empty.agreesWith(mine, MEMBER));
        assertTrue(mine.agreesWith(mine, MEMBER));
    }

    @Test
    void agreementUsesUnsignedDistance() {
        CertificateOfMembership a = CertificateOfMembership.issue(NWID, 0, 10, MEMBER);
        CertificateOfMembership b = CertificateOfMembership.issue(NWID, -1L, 10, MEMBER);
        assertFalse(a.agreesWith(b, MEMBER)); // 0 and 2^64-1 are far apart, not 1 apart
        assertTrue(CertificateOfMembership.issue(NWID, 5, 10, MEMBER)
                .agreesWith(CertificateOfMembership.issue(NWID, 15, 10, MEMBER), MEMBER));
    }

    @Test
    void parseRejectsBadVersionTooManyAndUnorderedQualifiers() {
        assertThrows(net.ztj.core.wire.MalformedException.class,
                () -> CertificateOfMembership.parse(Vectors.hex("0200000000000000")));
        assertThrows(net.ztj.core.wire.MalformedException.class,
                () -> CertificateOfMembership.parse(Vectors.hex("010009")));
        String q = "000000000000000200000000000000000000000000000000"
                + "000000000000000100000000000000000000000000000000";
        assertThrows(net.ztj.core.wire.MalformedException.class,
                () -> CertificateOfMembership.parse(Vectors.hex("010002" + q + "0000000000")));
    }
}
