package net.ztj.core.network.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.addressing.Mac;
import net.ztj.core.network.addressing.NetworkId;
import net.ztj.core.wire.IpText;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static net.ztj.vectors.Vectors.hex;
import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** networks_credentials.json: Tag, Capability, COO, Revocation and NETWORK_CREDENTIALS byte for byte (03 §8.3–8.7). */
class CredentialVectorsTest {
    private static final JsonNode V = Vectors.json("networks_credentials.json");
    private static final Identity CONTROLLER = Identity.fromString(V.get("controller_identity_secret").asText());
    private static final NetworkId NWID = NetworkId.parse(V.get("networkId").asText());
    private static final Address MEMBER = Address.parse(V.get("member_address").asText());
    private static final SignerLookup LOOKUP = SignerLookup.of(CONTROLLER.publicOnly());

    static Tag tag() {
        JsonNode t = V.get("tag");
        return Tag.create(NWID, t.get("timestamp").asLong(), t.get("id").asLong(), t.get("value").asLong(),
                Address.parse(t.get("issuedTo").asText())).sign(CONTROLLER);
    }

    /** MATCH_IP_DEST_PORT_RANGE 22-22 (type 0x28, 4 bytes) then ACTION_ACCEPT (type 0x01, 0 bytes). */
    static Capability capability() {
        JsonNode c = V.get("capability");
        Capability cap = Capability.create(NWID, c.get("timestamp").asLong(), c.get("id").asLong(), 2,
                hex("280400160016" + "0100"), c.get("maxCustodyChainLength").asInt());
        JsonNode custody = c.get("custody").get(0);
        assertEquals(CONTROLLER.address().toString(), custody.get("from").asText());
        return cap.sign(CONTROLLER, Address.parse(custody.get("to").asText()));
    }

    static CertificateOfOwnership coo() {
        JsonNode c = V.get("certificate_of_ownership");
        List<OwnedThing> things = new ArrayList<>();
        for (JsonNode t : c.get("things")) {
            String[] f = t.asText().split(" ");
            things.add(switch (f[0]) {
                case "mac" -> OwnedThing.mac(Mac.parse(f[1]));
                default -> OwnedThing.ip(IpText.parse(f[1].split("/")[0]));
            });
        }
        return CertificateOfOwnership.create(NWID, c.get("timestamp").asLong(), c.get("id").asLong(), things, MEMBER)
                .sign(CONTROLLER);
    }

    static Revocation revocation() {
        JsonNode r = V.get("revocation");
        return Revocation.create(Long.parseLong(r.get("id").asText(), 16), NWID, r.get("credentialId").asLong(),
                r.get("threshold").asLong(), r.get("flags").asLong(), Address.parse(r.get("target").asText()),
                CredentialType.ofId(r.get("credentialType").asInt())).sign(CONTROLLER);
    }

    @Test
    void tagIsByteExact() {
        Tag t = tag();
        assertEquals(V.get("tag").get("signing_input_hex").asText(), toHex(t.signingInput()));
        assertEquals(V.get("tag").get("serialized_hex").asText(), toHex(t.serialize()));
        assertEquals(t, Tag.parse(t.serialize()));
        assertEquals(Verification.VALID, Tag.parse(hex(V.get("tag").get("serialized_hex"))).verify(LOOKUP));
    }

    @Test
    void capabilityIsByteExact() {
        Capability c = capability();
        assertEquals(V.get("capability").get("signing_input_hex").asText(), toHex(c.signingInput()));
        assertEquals(V.get("capability").get("serialized_hex").asText(), toHex(c.serialize()));
        Capability parsed = Capability.parse(hex(V.get("capability").get("serialized_hex")));
        assertEquals(c, parsed);
        assertEquals(Verification.VALID, parsed.verify(LOOKUP));
        assertEquals(MEMBER, parsed.issuedTo().orElseThrow());
        assertEquals("2804001600160100", toHex(parsed.rulesBinary()));
    }

    @Test
    void cooIsByteExact() {
        CertificateOfOwnership c = coo();
        JsonNode v = V.get("certificate_of_ownership");
        assertEquals(v.get("signing_input_hex").asText(), toHex(c.signingInput()));
        assertEquals(v.get("serialized_hex").asText(), toHex(c.serialize()));
        CertificateOfOwnership parsed = CertificateOfOwnership.parse(hex(v.get("serialized_hex")));
        assertEquals(c, parsed);
        assertEquals(Verification.VALID, parsed.verify(LOOKUP));
        assertTrue(parsed.owns(OwnedThing.ip(IpText.parse("10.147.17.10"))));
        assertTrue(parsed.owns(OwnedThing.mac(Mac.parse("ee:d5:97:d7:5d:61"))));
        assertFalse(parsed.owns(OwnedThing.ip(IpText.parse("10.147.17.11"))));
    }

    @Test
    void revocationIsByteExact() {
        Revocation r = revocation();
        JsonNode v = V.get("revocation");
        assertEquals(v.get("signing_input_hex").asText(), toHex(r.signingInput()));
        assertEquals(v.get("serialized_hex").asText(), toHex(r.serialize()));
        Revocation parsed = Revocation.parse(hex(v.get("serialized_hex")));
        assertEquals(r, parsed);
        assertEquals(Verification.VALID, parsed.verify(LOOKUP));
        assertEquals(CredentialType.COM, parsed.type());
        assertTrue(parsed.fastPropagate());
    }

    @Test
    void networkCredentialsPayloadWithOnlyTheRevocation() {
        byte[] expected = hex(V.get("network_credentials_payload_revocation_only_hex"));
        NetworkCredentialsPayload p = NetworkCredentialsPayload.ofRevocations(List.of(revocation()));
        assertEquals(toHex(expected), toHex(p.encode()));
        assertEquals(p, NetworkCredentialsPayload.decode(expected));
    }

    @Test
    void networkCredentialsPayloadWithEverything() {
        CertificateOfMembership com = CertificateOfMembership.parse(
                hex(Vectors.json("networks_com.json").get("signed_serialized_hex")));
        NetworkCredentialsPayload p = new NetworkCredentialsPayload(List.of(com), List.of(capability()),
                List.of(tag()), List.of(revocation()), List.of(coo()));
        byte[] wire = p.encode();
        assertEquals(272 + 1 + 2 + 147 + 2 + 135 + 2 + 152 + 2 + 192, wire.length);
        assertEquals(p, NetworkCredentialsPayload.decode(wire));
        // an old sender stops after the COM list
        NetworkCredentialsPayload old = NetworkCredentialsPayload.decode(
                java.util.Arrays.copyOf(wire, 273));
        assertEquals(List.of(com), old.certificatesOfMembership());
        assertTrue(old.capabilities().isEmpty() && old.certificatesOfOwnership().isEmpty());
    }

    @Test
    void tamperedOrForeignSignaturesDoNotVerify() {
        Identity other = Identity.fromString(Vectors.json("networks_com.json").get("member_identity_secret").asText());
        Tag forged = Tag.create(NWID, 1, 1, 1, MEMBER).sign(other);
        assertEquals(Verification.INVALID, forged.verify(SignerLookup.of(other)));
        Tag t = tag();
        Tag changed = new Tag(t.networkId(), t.timestamp(), t.id(), 6, t.issuedTo(), t.signedBy(), t.signature());
        assertEquals(Verification.INVALID, changed.verify(LOOKUP));
        assertEquals(Verification.SIGNER_UNKNOWN, t.verify(SignerLookup.of()));
        Tag unsigned = Tag.create(NWID, 1, 1, 1, MEMBER);
        assertEquals(Verification.INVALID, unsigned.verify(LOOKUP));
    }

    @Test
    void custodyChainRules() {
        Identity member = Identity.fromString(Vectors.json("networks_com.json").get("member_identity_secret").asText());
        Identity member2 = Identity.fromString(Vectors.json("networks_com.json").get("member2_identity_secret").asText());
        Capability base = Capability.create(NWID, 1, 9, 1, hex("0100"), 3);
        assertEquals(Verification.INVALID, base.verify(LOOKUP));
        Capability chained = base.sign(CONTROLLER, member.address()).sign(member, member2.address());
        SignerLookup all = SignerLookup.of(CONTROLLER, member, member2);
        assertEquals(Verification.VALID, chained.verify(all));
        assertEquals(member2.address(), chained.issuedTo().orElseThrow());
        assertEquals(chained, Capability.parse(chained.serialize()));
        assertEquals(Verification.SIGNER_UNKNOWN, chained.verify(LOOKUP));
        // a link not from the previous recipient breaks the chain
        Capability broken = base.sign(CONTROLLER, member.address()).sign(member2, member.address());
        assertEquals(Verification.INVALID, broken.verify(all));
        // the first link must come from the controller
        assertEquals(Verification.INVALID, base.sign(member, member2.address()).verify(all));
        Capability full = Capability.create(NWID, 1, 9, 0, new byte[0], 1).sign(CONTROLLER, member.address());
        assertThrows(IllegalStateException.class, () -> full.sign(member, member2.address()));
    }
}
