package net.ztj.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Identity;
import net.ztj.crypto.Poly1305;
import net.ztj.crypto.Salsa20;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static net.ztj.vectors.Vectors.hex;
import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** packets.json → armor: suites 0, 1 and 3 byte for byte, with the intermediates of spec 02 §6.2. */
class ArmorVectorsTest {
    private static final JsonNode ARMOR = Vectors.json("packets.json").get("armor");

    @Test
    void sharedKeyComesFromTheIdentities() throws Exception {
        for (JsonNode c : ARMOR) {
            Identity sender = Identity.fromString(c.get("sender_secret").asText());
            Identity recipient = Identity.fromString(c.get("recipient_public").asText());
            assertEquals(c.get("shared_key_48").asText(), toHex(PeerKeys.agree(sender, recipient).key48()));
        }
    }

    @Test
    void armorIsByteExactForEverySuite() {
        for (JsonNode c : ARMOR) {
            int suite = c.get("cipher_suite").asInt();
            PeerKeys keys = new PeerKeys(hex(c.get("shared_key_48")));
            byte[] pkt = hex(c.get("plaintext_packet"));
            Armor.armor(pkt, pkt.length, keys, suite);
            assertEquals(c.get("armored_packet").asText(), toHex(pkt), "suite " + suite);
            if (suite != PacketHeader.CIPHER_AES_GMAC_SIV) {
                assertEquals(c.get("flags_byte_after_set_cipher").asInt(), pkt[PacketHeader.IDX_FLAGS] & 0xff);
                assertEquals(c.get("mangled_key").asText(), toHex(keys.mangledKey));
                assertEquals(c.get("keystream_block0").asText(), toHex(keys.keystreamBlock0));
                assertEquals(c.get("poly1305_key").asText(), toHex(Arrays.copyOf(keys.keystreamBlock0, 32)));
                assertEquals(c.get("poly1305_tag_16").asText(), toHex(keys.tag));
            }
        }
    }

    @Test
    void intermediatesRecomputedFromThePrimitives() {
        for (JsonNode c : ARMOR) {
            int suite = c.get("cipher_suite").asInt();
            if (suite == PacketHeader.CIPHER_AES_GMAC_SIV) continue;
            byte[] key = hex(c.get("shared_key_48"));
            byte[] armored = hex(c.get("armored_packet"));
            byte[] mangled = new byte[32];
            Armor.mangleKey(armored, armored.length, key, mangled);
            assertEquals(c.get("mangled_key").asText(), toHex(mangled));
            byte[] block0 = new byte[64];
            new Salsa20(12).init(mangled, 0, armored, 0).keystream(block0, 0, 64);
            assertEquals(c.get("keystream_block0").asText(), toHex(block0));
            byte[] tag = new byte[16];
            Poly1305.mac(block0, 0, armored, 27, armored.length - 27, tag, 0);
            assertEquals(c.get("poly1305_tag_16").asText(), toHex(tag));
        }
    }

    @Test
    void dearmorResults() {
        for (JsonNode c : ARMOR) {
            int suite = c.get("cipher_suite").asInt();
            byte[] key = hex(c.get("shared_key_48"));
            byte[] plain = hex(c.get("plaintext_packet"));
            byte[] armored = hex(c.get("armored_packet"));

            byte[] p = armored.clone();
            assertEquals(c.get("dearmor_ok").asBoolean(), Armor.dearmor(p, p.length, new PeerKeys(key)));
            assertTrue(c.get("dearmor_restores_plaintext_after_header").asBoolean());
            assertArrayEquals(Arrays.copyOfRange(plain, 27, plain.length), Arrays.copyOfRange(p, 27, p.length),
                    "suite " + suite);
            assertEquals(suite, PacketHeader.cipherSuite(p));

            p = armored.clone();
            PacketHeader.setHops(p, PacketHeader.hops(p) + 1);
            assertEquals(c.get("dearmor_ok_after_hop_count_incremented").asBoolean(),
                    Armor.dearmor(p, p.length, new PeerKeys(key)));
            p = armored.clone();
            PacketHeader.setHops(p, 7);
            assertTrue(Armor.dearmor(p, p.length, new PeerKeys(key)));

            p = armored.clone();
            p[p.length - 1] ^= 0x01;
            assertEquals(c.get("dearmor_ok_after_payload_bit_flip").asBoolean(),
                    Armor.dearmor(p, p.length, new PeerKeys(key)));

            p = armored.clone();
            p[PacketHeader.IDX_FLAGS] ^= PacketHeader.FLAG_FRAGMENTED;
            assertEquals(c.get("dearmor_ok_after_fragment_flag_flip").asBoolean(),
                    Armor.dearmor(p, p.length, new PeerKeys(key)));
        }
    }

    @Test
    void everyAuthenticatedByteMatters() {
        for (JsonNode c : ARMOR) {
            byte[] key = hex(c.get("shared_key_48"));
            byte[] armored = hex(c.get("armored_packet"));
            PeerKeys keys = new PeerKeys(key);
            for (int i = 0; i < armored.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    if (i == PacketHeader.IDX_FLAGS && bit < 3) continue; // hops
                    byte[] p = armored.clone();
                    p[i] ^= (byte) (1 << bit);
                    assertFalse(Armor.dearmor(p, p.length, keys), "byte " + i + " bit " + bit);
                }
            }
            byte[] p = armored.clone();
            assertFalse(Armor.dearmor(p, p.length - 1, keys), "truncated");
        }
    }

    @Test
    void wrongKeyFails() {
        for (JsonNode c : ARMOR) {
            byte[] key = hex(c.get("shared_key_48"));
            key[47] ^= 1; // only the AES keys depend on bytes 32..47
            byte[] p = hex(c.get("armored_packet"));
            boolean suite3 = c.get("cipher_suite").asInt() == 3;
            assertEquals(!suite3, Armor.dearmor(p, p.length, new PeerKeys(key)));
            key[0] ^= 1;
            p = hex(c.get("armored_packet"));
            assertFalse(Armor.dearmor(p, p.length, new PeerKeys(key)));
        }
    }

    @Test
    void keysAreReusableAcrossPacketsAndSuites() {
        byte[] key = hex(ARMOR.get(0).get("shared_key_48"));
        PeerKeys keys = new PeerKeys(key);
        for (int round = 0; round < 3; round++) {
            for (JsonNode c : ARMOR) {
                byte[] pkt = hex(c.get("plaintext_packet"));
                Armor.armor(pkt, pkt.length, keys, c.get("cipher_suite").asInt());
                assertEquals(c.get("armored_packet").asText(), toHex(pkt));
                assertTrue(Armor.dearmor(pkt, pkt.length, keys));
            }
        }
    }

    @Test
    void unsupportedSuites() {
        byte[] key = hex(ARMOR.get(0).get("shared_key_48"));
        PeerKeys keys = new PeerKeys(key);
        byte[] armored = hex(ARMOR.get(0).get("armored_packet"));
        for (int suite = 0; suite < 8; suite++) {
            if (suite == 0 || suite == 1 || suite == 3) continue;
            byte[] p = armored.clone();
            int s = suite;
            assertThrows(IllegalArgumentException.class, () -> Armor.armor(p, p.length, keys, s));
            p[PacketHeader.IDX_FLAGS] = (byte) ((p[PacketHeader.IDX_FLAGS] & ~PacketHeader.CIPHER_MASK)
                    | (suite << PacketHeader.CIPHER_SHIFT));
            assertFalse(Armor.dearmor(p, p.length, keys), "suite " + suite);
        }
        assertFalse(Armor.dearmor(new byte[27], 27, keys));
        assertFalse(Armor.dearmor(new byte[10025], 10025, keys));
    }

    @Test
    void trustedPathCarriesItsId() {
        byte[] p = hex(ARMOR.get(0).get("plaintext_packet"));
        Armor.armorTrustedPath(p, p.length, 0x0123456789abcdefL);
        assertEquals(PacketHeader.CIPHER_NONE, PacketHeader.cipherSuite(p));
        assertEquals(0x10, PacketHeader.flags(p));
        assertEquals(0x0123456789abcdefL, Armor.trustedPathId(p));
        assertFalse(Armor.dearmor(p, p.length, new PeerKeys(hex(ARMOR.get(0).get("shared_key_48")))));
    }

    /**
     * The whole suite-2 layout as 1.14's setTrusted writes it: only byte 18 (cipher bits 2, legacy encrypted flag
     * cleared, fragmented flag and hops kept) and bytes 19..26 (the ID, big-endian) change; the packet ID, addresses,
     * verb and payload go as they are.
     */
    @Test
    void trustedPathLayoutByteByByte() {
        byte[] plain = hex(ARMOR.get(0).get("plaintext_packet"));
        byte[] p = plain.clone();
        p[PacketHeader.IDX_FLAGS] = (byte) (0x80 | 0x40 | 0x08 | 0x02); // encrypted, fragmented, suite 1, hops 2
        Armor.armorTrustedPath(p, p.length, 0x0123456789abcdefL);
        byte[] expected = plain.clone();
        expected[18] = (byte) 0x52; // 0x40 fragmented | 2 << 3 | hops 2
        byte[] id = {0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab, (byte) 0xcd, (byte) 0xef};
        System.arraycopy(id, 0, expected, 19, 8);
        assertArrayEquals(expected, p);
        Armor.armorTrustedPath(p, p.length, -1L);
        for (int i = 19; i < 27; i++) assertEquals((byte) 0xff, p[i]);
    }

    @Test
    void flagsByteExamplesOfTheSpec() {
        byte[] key = hex(ARMOR.get(0).get("shared_key_48"));
        PeerKeys keys = new PeerKeys(key);
        int[][] cases = {{0, 0, 0x00}, {1, 0, 0x88}, {3, 0, 0x18}, {1, 1, 0xc8}};
        for (int[] k : cases) {
            byte[] p = hex(ARMOR.get(0).get("plaintext_packet"));
            p[PacketHeader.IDX_FLAGS] = (byte) 0xff; // stale bits other than fragmented and hops are replaced
            PacketHeader.setHops(p, 0);
            PacketHeader.setFragmented(p, k[1] == 1);
            Armor.armor(p, p.length, keys, k[0]);
            assertEquals(k[2], PacketHeader.flags(p), "suite " + k[0]);
            assertTrue(Armor.dearmor(p, p.length, keys));
        }
    }
}
