package net.ztj.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Arrays;

import static net.ztj.vectors.Vectors.hex;
import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** c25519.json and the key halves of identities.json (spec 01 §7–§8). */
class C25519VectorsTest {
    private static final JsonNode V = Vectors.json("c25519.json");

    private static byte[] field(String identityText, int index) {
        return hex(identityText.split(":")[index]);
    }

    @Test
    void signaturesAreByteIdenticalAndVerify() {
        assertTrue(V.get("sign").size() >= 2);
        for (JsonNode c : V.get("sign")) {
            String secret = c.get("signer_secret").asText();
            byte[] pub = field(secret, 2), priv = field(secret, 3);
            byte[] msg = hex(c.get("message"));
            assertEquals(c.get("sha512_of_message").asText(), toHex(Sha.sha512(msg)));
            byte[] sig = C25519.sign(priv, msg);
            assertEquals(c.get("signature").asText(), toHex(sig));
            assertEquals(c.get("verifies").asBoolean(), C25519.verify(pub, msg, sig));

            byte[] badR = sig.clone();
            badR[3] ^= 1;
            assertEquals(c.get("verifies_with_bit_flipped_in_R").asBoolean(), C25519.verify(pub, msg, badR));
            byte[] badDigest = sig.clone();
            badDigest[90] ^= 1;
            assertEquals(c.get("verifies_with_bit_flipped_in_trailing_digest").asBoolean(),
                    C25519.verify(pub, msg, badDigest));
            byte[] longer = Arrays.copyOf(msg, msg.length + 1);
            assertEquals(c.get("verifies_with_extra_zero_byte_appended_to_message").asBoolean(),
                    C25519.verify(pub, longer, sig));
            assertFalse(C25519.verify(pub, msg, Arrays.copyOf(sig, 95)));
            assertFalse(C25519.verify(pub, msg, Arrays.copyOf(sig, 97)));
        }
    }

    @Test
    void agreementGivesTheProtocolKeyFromBothSides() throws Exception {
        for (JsonNode c : V.get("agree")) {
            byte[] aPriv = field(c.get("a_secret").asText(), 3);
            byte[] aPub = field(c.get("a_secret").asText(), 2);
            byte[] bPub = field(c.get("b_public").asText(), 2);
            assertEquals(c.get("raw_x25519").asText(), toHex(C25519.agreeRaw(aPriv, bPub)));
            assertEquals(c.get("agree_64").asText(), toHex(C25519.agree(aPriv, bPub, 64)));
            if (c.has("agree_128")) assertEquals(c.get("agree_128").asText(), toHex(C25519.agree(aPriv, bPub, 128)));
            assertEquals(c.get("agree_48_identity_key").asText(), toHex(C25519.agree(aPriv, bPub, 48)));
            if (c.has("b_secret")) {
                byte[] bPriv = field(c.get("b_secret").asText(), 3);
                assertArrayEquals(C25519.agree(aPriv, bPub, 48), C25519.agree(bPriv, aPub, 48));
            }
        }
    }

    @Test
    void publicKeysAreDerivedFromPrivateKeys() {
        for (JsonNode id : Vectors.json("identities.json").get("valid")) {
            byte[] pub = hex(id.get("public_key"));
            byte[] priv = hex(id.get("private_key"));
            assertArrayEquals(pub, C25519.publicFromPrivate(priv), id.get("address").asText());
        }
    }

    @Test
    void generatedPairsAgreeAndSign() throws Exception {
        SecureRandom r = new SecureRandom();
        C25519.KeyPair a = C25519.generate(r), b = C25519.generate(r);
        assertArrayEquals(C25519.agree(a.privateKey(), b.publicKey(), 48), C25519.agree(b.privateKey(), a.publicKey(), 48));
        byte[] msg = "zerotier".getBytes();
        assertTrue(C25519.verify(a.publicKey(), msg, C25519.sign(a.privateKey(), msg)));
        assertFalse(C25519.verify(b.publicKey(), msg, C25519.sign(a.privateKey(), msg)));
    }

    @Test
    void smallOrderPeerKeyIsRefused() {
        byte[] priv = new byte[64];
        priv[0] = 1;
        byte[] zeroPeer = new byte[64]; // u = 0 is of small order
        assertThrows(C25519.InvalidPeerKeyException.class, () -> C25519.agree(priv, zeroPeer, 48));
    }

    @Test
    void garbagePublicKeyFailsVerificationWithoutThrowing() {
        byte[] pub = new byte[64];
        Arrays.fill(pub, (byte) 0xff);
        byte[] sig = new byte[96];
        System.arraycopy(Sha.sha512(new byte[0]), 0, sig, 64, 32);
        assertFalse(C25519.verify(pub, new byte[0], sig));
    }
}
