package net.ztj.core.network.dictionary;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.wire.MalformedException;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static net.ztj.vectors.Vectors.hex;
import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.*;

/** networks_dictionary.json byte-exact (spec 03 §7.4), plus garbage input. */
class DictionaryTest {
    private static final JsonNode V = Vectors.json("networks_dictionary.json");

    @Test
    void encodesTheAddsByteExact() {
        Dictionary d = new Dictionary();
        for (JsonNode a : V.get("adds")) {
            String key = a.get("key").asText();
            String kind = a.get("kind").asText();
            switch (kind) {
                case "string" -> {
                    if (a.has("value_hex")) d.add(key, hex(a.get("value_hex").asText()));
                    else d.add(key, a.get("value").asText());
                }
                case "binary" -> d.add(key, hex(a.get("value_hex").asText()));
                case "uint64" -> d.addUnsigned(key, a.get("value").asLong());
                case "int64" -> d.addSigned(key, a.get("value").asLong());
                case "bool" -> d.add(key, a.get("value").asBoolean());
                default -> d.addUnsigned(key, Long.parseUnsignedLong(a.get("value").asText(), 16));
            }
        }
        assertEquals(V.get("encoded_hex").asText(), toHex(d.toBytes()));
        assertEquals(V.get("encoded_length").asInt(), d.size());
    }

    @Test
    void decodesTheEncodedForm() {
        Dictionary d = Dictionary.parse(hex(V.get("encoded_hex").asText()));
        JsonNode x = V.get("decoded");
        assertEquals(x.get("BIN").get("hex").asText(), toHex(d.get("BIN")));
        assertEquals(x.get("esc").get("hex").asText(), toHex(d.get("esc")));
        assertEquals(0, d.get("empty").length);
        assertNull(d.get("missing"));
        assertFalse(d.getBoolean("bfalse", true));
        assertTrue(d.getBoolean("btrue", false));
        assertTrue(d.getBoolean("missing", true));
        assertEquals(x.get("getI(i64neg)").asLong(), d.getSigned("i64neg", 0));
        assertEquals(x.get("getUI(addrAsAddress)").asText(), String.format("%010x", d.getUnsigned("addrAsAddress", 0)));
        assertEquals(77, d.getUnsigned("empty", 77));
        assertFalse(d.getBoolean("empty", true));
        assertEquals(1700000000000L, d.getUnsigned("i64pos", 0));
        assertEquals(77, d.getUnsigned("missing", 77));
        assertEquals(4660, d.getUnsigned("u64", 0));
    }

    @Test
    void edgeInputBehavesAs114() {
        Dictionary d = Dictionary.parse(hex(V.get("edge_input_hex").asText()));
        for (JsonNode e : V.get("edge_results")) {
            String key = e.get("key").asText();
            byte[] v = d.get(key);
            assertEquals(e.get("get_len").asInt(), v == null ? -1 : v.length, key);
            assertEquals(e.get("value").asText(), v == null ? "" : new String(v, StandardCharsets.UTF_8), key);
            assertEquals(e.get("getUI").asLong(), d.getUnsigned(key, 0), key);
            assertEquals(e.get("getB").asBoolean(), d.getBoolean(key, false), key);
        }
    }

    @Test
    void capacityIsEnforced() {
        Dictionary d = new Dictionary(10);
        d.add("a", "12345678");
        assertThrows(IllegalStateException.class, () -> d.add("b", "x"));
        assertEquals("a=12345678", d.toString());
        assertThrows(MalformedException.class, () -> Dictionary.parse("a=123456789".getBytes(), 10));
        assertEquals(0, Dictionary.parse(new byte[11], 10).size()); // stops at NUL
    }

    @Test
    void everyByteRoundTripsAsBinary() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 500; i++) {
            byte[] v = new byte[rnd.nextInt(64)];
            for (int j = 0; j < v.length; j++) v[j] = (byte) rnd.nextInt(256);
            Dictionary d = new Dictionary().add("x", "y").add("k", v).add("z", "w");
            Dictionary back = Dictionary.parse(d.toBytes());
            assertArrayEquals(v, back.get("k"));
            assertEquals("w", back.getString("z", null));
            for (byte b : d.toBytes()) assertNotEquals(0, b);
        }
    }

    @Test
    void garbageNeverThrowsOnLookup() {
        SplittableRandom rnd = new SplittableRandom(11);
        String[] keys = {"a", "v", "nwid", "", "=", "\\", "ab"};
        for (int i = 0; i < 5000; i++) {
            byte[] g = new byte[rnd.nextInt(80)];
            for (int j = 0; j < g.length; j++) g[j] = (byte) "ab=\\\n\r0x1ftvT\u00ff\u0000".charAt(rnd.nextInt(15));
            Dictionary d = Dictionary.parse(g);
            for (String k : keys) {
                d.get(k);
                d.getUnsigned(k, 3);
                d.getBoolean(k, true);
                d.getString(k, "");
                d.getAddress(k);
            }
        }
    }
}
