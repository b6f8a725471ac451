package net.ztj.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static net.ztj.vectors.Vectors.hex;
import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** identities.json: text and binary forms, the proof of work step by step, validation (spec 01 §9). */
class IdentityVectorsTest {
    private static final JsonNode V = Vectors.json("identities.json");
    private final IdentityHasher hasher = new IdentityHasher();

    @Test
    void validIdentitiesParseSerializeAndValidate() {
        assertEquals(4, V.get("valid").size());
        for (JsonNode c : V.get("valid")) {
            Identity secret = Identity.fromString(c.get("secret").asText());
            Identity pub = Identity.fromString(c.get("public").asText());
            assertEquals(c.get("address").asText(), secret.address().toString());
            assertEquals(secret, pub);
            assertTrue(secret.hasPrivate());
            assertFalse(pub.hasPrivate());
            assertEquals(c.get("secret").asText(), secret.toSecretString());
            assertEquals(c.get("public").asText(), secret.toPublicString());
            assertEquals(c.get("public").asText(), pub.toSecretString());
            assertArrayEquals(hex(c.get("public_key")), secret.publicKey());
            assertArrayEquals(hex(c.get("private_key")), secret.privateKey().orElseThrow());

            assertEquals(c.get("serialized_public").asText(), toHex(secret.toBytes(false)));
            assertEquals(c.get("serialized_with_private").asText(), toHex(secret.toBytes(true)));
            byte[] withPrivate = hex(c.get("serialized_with_private"));
            Identity back = Identity.fromBytes(withPrivate, 0, withPrivate.length);
            assertEquals(Identity.SECRET_BINARY_LENGTH, back.binaryLength());
            assertEquals(c.get("secret").asText(), back.toSecretString());
            byte[] publicOnly = hex(c.get("serialized_public"));
            assertEquals(Identity.PUBLIC_BINARY_LENGTH, Identity.fromBytes(publicOnly, 0, publicOnly.length).binaryLength());

            assertEquals(c.get("pow_digest").asText(), toHex(hasher.hash(secret.publicKey())));
            assertEquals(c.get("locally_valid").asBoolean(), pub.locallyValidate(hasher));
            assertTrue(pub.locallyValidate(hasher));
        }
    }

    @Test
    void invalidIdentitiesAreRejected() {
        assertTrue(V.get("invalid").size() >= 5);
        for (JsonNode c : V.get("invalid")) {
            String text = c.get("text").asText();
            String why = c.get("tamper").asText();
            if (c.get("parses").asBoolean()) {
                Identity id = Identity.fromString(text);
                assertEquals(c.get("locally_valid").asBoolean(), id.locallyValidate(hasher), why);
            } else {
                assertThrows(IllegalArgumentException.class, () -> Identity.fromString(text), why);
            }
            assertFalse(c.get("locally_valid").asBoolean(), why);
        }
    }

    @Test
    void proofOfWorkIntermediates() {
        JsonNode c = V.get("pow_intermediates");
        Identity id = Identity.fromString(c.get("public").asText());
        hasher.fill(id.publicKey());
        assertEquals(c.get("genmem_bytes_0_63_after_fill").asText(), toHex(hasher.memoryBytes(0, 64)));
        assertEquals(c.get("genmem_bytes_64_127_after_fill").asText(), toHex(hasher.memoryBytes(64, 64)));
        assertEquals(c.get("genmem_last_64_bytes_after_fill").asText(),
                toHex(hasher.memoryBytes(IdentityHasher.MEMORY_BYTES - 64, 64)));
        byte[] digest = hasher.mix();
        assertEquals(c.get("final_digest").asText(), toHex(digest));
        assertEquals(c.get("address_from_digest_59_63").asText(), IdentityHasher.addressOf(digest).toString());
        assertEquals(c.get("first_byte_less_than_17").asBoolean(), (digest[0] & 0xff) < 17);
    }

    @Test
    void malformedTextAndBinaryFormsAreRejected() {
        String good = V.get("valid").get(1).get("secret").asText();
        String[] bad = {
                "", "nonsense", good + ":00", good.replace(":0:", ":00:"), good.substring(0, good.length() - 1),
                good.substring(0, 140) + "zz", "8e4df28b7:0:" + good.substring(13), "8e4df28b72g" + good.substring(11),
                good.substring(0, 141) + ":", good.replace(":0:", "::"),
        };
        for (String s : bad) assertThrows(IllegalArgumentException.class, () -> Identity.fromString(s), s);

        byte[] bin = Identity.fromString(good).toBytes(true);
        assertThrows(IllegalArgumentException.class, () -> Identity.fromBytes(bin, 0, 70));
        assertThrows(IllegalArgumentException.class, () -> Identity.fromBytes(bin, 0, 134));
        byte[] badType = bin.clone();
        badType[5] = 1;
        assertThrows(IllegalArgumentException.class, () -> Identity.fromBytes(badType, 0, badType.length));
        byte[] badLen = bin.clone();
        badLen[70] = 32;
        assertThrows(IllegalArgumentException.class, () -> Identity.fromBytes(badLen, 0, badLen.length));
        byte[] reserved = bin.clone();
        reserved[0] = (byte) 0xff;
        assertThrows(IllegalArgumentException.class, () -> Identity.fromBytes(reserved, 0, reserved.length));
    }

    @Test
    void generatedIdentitiesValidateSignAndAgree() throws Exception {
        SecureRandom r = new SecureRandom();
        Identity a = Identity.generate(r, hasher);
        Identity b = Identity.generate(r, hasher);
        assertTrue(a.locallyValidate(hasher));
        assertTrue(b.locallyValidate(hasher));
        assertNotEquals(a, b);
        assertEquals(a, Identity.fromString(a.toSecretString()));
        assertEquals(a, Identity.fromString(a.toPublicString()));
        byte[] msg = "a message".getBytes();
        assertTrue(b.publicOnly().verify(msg, a.sign(msg)) == false);
        assertTrue(a.publicOnly().verify(msg, a.sign(msg)));
        assertArrayEquals(a.agree(b.publicOnly()), b.agree(a.publicOnly()));
        assertThrows(IllegalStateException.class, () -> a.publicOnly().sign(msg));
    }

    @Test
    void reservedAddresses() {
        assertTrue(new Address(0).isReserved());
        assertTrue(Address.parse("ff00000001").isReserved());
        assertFalse(Address.parse("fe00000001").isReserved());
        assertEquals("00000000ab", new Address(0xab).toString());
        assertEquals(Address.parse("0123456789"), Address.fromBytes(Address.parse("0123456789").toBytes(), 0));
    }
}
