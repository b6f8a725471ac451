package net.ztj.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static net.ztj.vectors.Vectors.hex;
import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every vector of crypto-primitives.json (spec 01 §2–§6). */
class PrimitiveVectorsTest {
    private static final JsonNode V = Vectors.json("crypto-primitives.json");

    @Test
    void sha512AndSha384() {
        assertTrue(V.get("sha512").size() > 0);
        for (JsonNode c : V.get("sha512")) {
            assertEquals(c.get("digest").asText(), toHex(Sha.sha512(hex(c.get("input")))));
        }
        for (JsonNode c : V.get("sha384")) {
            assertEquals(c.get("digest").asText(), toHex(Sha.sha384(hex(c.get("input")))));
        }
    }

    @Test
    void hmacSha384AndKbkdf() {
        for (JsonNode c : V.get("hmac_sha384")) {
            assertEquals(c.get("mac").asText(), toHex(Kbkdf.hmacSha384(hex(c.get("key")), hex(c.get("message")))));
        }
        for (JsonNode c : V.get("kbkdf_hmac_sha384")) {
            byte label = (byte) c.get("label").asText().charAt(0);
            byte context = (byte) c.get("context").asInt();
            int iter = c.get("iter").asInt();
            assertEquals(c.get("prf_input").asText(), toHex(Kbkdf.prfInput(label, context, iter)));
            assertEquals(c.get("output").asText(), toHex(Kbkdf.derive(hex(c.get("key")), label, context, iter)));
        }
    }

    @Test
    void salsa20KeystreamsBothRoundCounts() {
        for (String name : new String[] {"salsa20_12", "salsa20_20"}) {
            int rounds = name.endsWith("12") ? 12 : 20;
            assertTrue(V.get(name).size() >= 3);
            for (JsonNode c : V.get(name)) {
                byte[] expected = hex(c.get("keystream"));
                long offset = c.get("offset").asLong();
                assertEquals(0, offset % 64);
                Salsa20 s = new Salsa20(rounds).init(hex(c.get("key")), 0, hex(c.get("iv")), 0);
                byte[] skip = new byte[(int) offset];
                s.keystream(skip, 0, skip.length);
                byte[] ks = new byte[expected.length];
                s.keystream(ks, 0, ks.length);
                assertEquals(toHex(expected), toHex(ks), name);
                // encryption is XOR with the same stream, whatever the chunking into whole blocks
                byte[] data = new byte[expected.length];
                Salsa20 e = new Salsa20(rounds).init(hex(c.get("key")), 0, hex(c.get("iv")), 0);
                e.crypt(skip, 0, skip, 0, skip.length);
                e.crypt(data, 0, data, 0, 128);
                e.crypt(data, 128, data, 128, data.length - 128);
                assertArrayEquals(expected, data);
            }
        }
    }

    @Test
    void salsa20DiscardsTheRestOfAPartialBlock() {
        JsonNode c = V.get("salsa20_12_block_consumption");
        Salsa20 s = new Salsa20(12).init(hex(c.get("key")), 0, hex(c.get("iv")), 0);
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        s.crypt(a, 0, a, 0, 32);
        s.crypt(b, 0, b, 0, 32);
        assertEquals(c.get("first_call_32_bytes").asText(), toHex(a));
        assertEquals(c.get("second_call_32_bytes").asText(), toHex(b));
        byte[] all = new byte[192];
        new Salsa20(12).init(hex(c.get("key")), 0, hex(c.get("iv")), 0).keystream(all, 0, all.length);
        assertEquals(c.get("continuous_keystream_192_bytes").asText(), toHex(all));
    }

    @Test
    void salsa20UnalignedTailsMatchTheKeystream() {
        Random r = new Random(7);
        byte[] key = new byte[32];
        r.nextBytes(key);
        byte[] ks = new byte[1000];
        new Salsa20(12).init(key, 0, 0x0102030405060708L).keystream(ks, 0, ks.length);
        for (int len = 0; len < 200; len++) {
            byte[] in = new byte[len + 3];
            r.nextBytes(in);
            byte[] out = new byte[len + 5];
            new Salsa20(12).init(key, 0, 0x0102030405060708L).crypt(in, 3, out, 5, len);
            for (int i = 0; i < len; i++) assertEquals((byte) (in[3 + i] ^ ks[i]), out[5 + i], "len " + len);
        }
    }

    @Test
    void poly1305() {
        assertTrue(V.get("poly1305").size() >= 2);
        for (JsonNode c : V.get("poly1305")) {
            byte[] msg = hex(c.get("message"));
            byte[] tag = new byte[16];
            Poly1305.mac(hex(c.get("key")), 0, msg, 0, msg.length, tag, 0);
            assertEquals(c.get("tag").asText(), toHex(tag));
        }
    }

    @Test
    void aes256Block() throws Exception {
        for (JsonNode c : V.get("aes256_block")) {
            var cipher = javax.crypto.Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(hex(c.get("key")), "AES"));
            assertEquals(c.get("ciphertext").asText(), toHex(cipher.doFinal(hex(c.get("plaintext")))));
        }
    }

    @Test
    void aesGmacSivEncryptsDecryptsAndRejectsTampering() {
        assertEquals(6, V.get("aes_gmac_siv").size());
        // both paths: the JDK's GHASH and counter mode called directly, and the public ciphers (the fallback)
        for (boolean jdkInternals : new boolean[] {true, false}) {
            for (JsonNode c : V.get("aes_gmac_siv")) {
                AesGmacSiv siv = new AesGmacSiv(hex(c.get("k0")), hex(c.get("k1")), jdkInternals);
                byte[] iv = hex(c.get("iv"));
                byte[] aad = hex(c.get("aad"));
                byte[] buf = hex(c.get("plaintext"));
                byte[] tag = new byte[16];
                siv.encrypt(iv, 0, aad, 0, aad.length, buf, 0, buf.length, tag, 0);
                assertEquals(c.get("tag").asText(), toHex(tag));
                assertEquals(c.get("ciphertext").asText(), toHex(buf));
                // the same nonce twice in a row must still work (retransmission, duplicate receipt)
                byte[] again = hex(c.get("plaintext"));
                siv.encrypt(iv, 0, aad, 0, aad.length, again, 0, again.length, new byte[16], 0);
                assertArrayEquals(buf, again);

                assertTrue(c.get("decrypts_and_verifies").asBoolean());
                byte[] dec = buf.clone();
                assertTrue(siv.decrypt(tag, 0, aad, 0, aad.length, dec, 0, dec.length));
                assertEquals(c.get("plaintext").asText(), toHex(dec));
                // repeated decryption of the same packet
                byte[] dec2 = buf.clone();
                assertTrue(siv.decrypt(tag, 0, aad, 0, aad.length, dec2, 0, dec2.length));

                for (int bit = 0; bit < 8 * (buf.length + 16 + aad.length); bit += 5) {
                    byte[] t = tag.clone();
                    byte[] ct = buf.clone();
                    byte[] a = aad.clone();
                    int i = bit / 8;
                    if (i < ct.length) ct[i] ^= (byte) (1 << (bit & 7));
                    else if (i < ct.length + 16) t[i - ct.length] ^= (byte) (1 << (bit & 7));
                    else a[i - ct.length - 16] ^= (byte) (1 << (bit & 7));
                    assertFalse(siv.decrypt(t, 0, a, 0, a.length, ct, 0, ct.length), "bit " + bit);
                }
            }
        }
    }

    @Test
    void aesGmacSivRoundTripsEveryLength() {
        Random r = new Random(3);
        byte[] k0 = new byte[32], k1 = new byte[32], nonce = new byte[8], aad = new byte[11];
        r.nextBytes(k0);
        r.nextBytes(k1);
        AesGmacSiv siv = new AesGmacSiv(k0, k1);
        for (int len = 0; len < 300; len += 7) {
            r.nextBytes(nonce);
            r.nextBytes(aad);
            byte[] p = new byte[len];
            r.nextBytes(p);
            byte[] buf = Arrays.copyOf(p, len);
            byte[] tag = new byte[16];
            siv.encrypt(nonce, 0, aad, 0, aad.length, buf, 0, len, tag, 0);
            byte[] t = new byte[16];
            siv.decryptTagBlock(tag, 0, t, 0);
            assertArrayEquals(nonce, Arrays.copyOf(t, 8));
            assertTrue(siv.decrypt(tag, 0, aad, 0, aad.length, buf, 0, len));
            assertArrayEquals(p, buf);
        }
    }
}
