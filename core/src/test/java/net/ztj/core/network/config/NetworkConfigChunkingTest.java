package net.ztj.core.network.config;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.config.AssemblyResult.Complete;
import net.ztj.core.network.config.AssemblyResult.Dropped;
import net.ztj.core.network.config.AssemblyResult.Pending;
import net.ztj.core.network.config.AssemblyResult.Reason;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.NetworkConfigChunk;
import net.ztj.core.wire.verbs.OkHeader;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static net.ztj.vectors.Vectors.hex;
import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.*;

/** Chunking and assembly of networks_networkconfig.json (spec 03 §7.2). */
class NetworkConfigChunkingTest {
    private static final JsonNode V = Vectors.json("networks_networkconfig.json");
    private static final Identity CONTROLLER = Identity.fromString(V.get("controller_identity_secret").asText());
    private static final long NWID = Long.parseUnsignedLong(V.get("networkId").asText(), 16);

    private static List<NetworkConfigChunk> chunks(String which) {
        JsonNode c = V.get(which);
        return ConfigChunker.split(NWID, hex(c.get("dictionary_hex").asText()),
                Long.parseUnsignedLong(c.get("update_id").asText(), 16), CONTROLLER);
    }

    private static byte[] encode(NetworkConfigChunk c) {
        ByteWriter w = new ByteWriter();
        c.encode(w);
        return w.toByteArray();
    }

    @Test
    void pushesAreByteExact() {
        for (String which : List.of("small", "big")) {
            JsonNode expected = V.get(which).get("as_NETWORK_CONFIG_push");
            List<NetworkConfigChunk> got = chunks(which);
            assertEquals(expected.size(), got.size());
            for (int i = 0; i < got.size(); i++) {
                assertEquals(expected.get(i).get("payload_hex").asText(), toHex(encode(got.get(i))), which + " " + i);
                assertEquals(expected.get(i).get("chunkLength").asInt(), got.get(i).chunk().length);
            }
        }
    }

    @Test
    void okReplyIsByteExact() {
        JsonNode expected = V.get("small").get("as_OK_reply_to_request_packet_id_1122334455667788").get(0);
        ByteWriter w = new ByteWriter();
        new OkHeader(Verb.NETWORK_CONFIG_REQUEST, 0x1122334455667788L).encode(w);
        chunks("small").get(0).encode(w);
        assertEquals(expected.get("payload_hex").asText(), toHex(w.toByteArray()));
    }

    @Test
    void assemblesOutOfOrderWithDuplicates() {
        List<NetworkConfigChunk> cs = new ArrayList<>(chunks("big"));
        cs.add(cs.get(1));
        Collections.shuffle(cs, new Random(3));
        ConfigAssembler a = new ConfigAssembler(NWID);
        Identity pub = CONTROLLER.publicOnly();
        Complete done = null;
        int dups = 0;
        for (NetworkConfigChunk c : cs) {
            AssemblyResult r = a.accept(c, pub);
            if (r instanceof Complete x) done = x;
            if (r instanceof Dropped(Reason reason)) {
                assertTrue(reason == Reason.DUPLICATE || reason == Reason.ALREADY_COMPLETE);
                dups++;
            }
        }
        assertEquals(1, dups);
        assertNotNull(done);
        assertEquals(V.get("big").get("dictionary_hex").asText(), toHex(done.dictionary()));
        assertEquals(0xfedcba9876543210L, done.updateId());
    }

    @Test
    void rejectsForgedWrongAndOversized() {
        NetworkConfigChunk c = chunks("small").get(0);
        ConfigAssembler a = new ConfigAssembler(NWID);
        byte[] data = c.chunk().clone();
        data[0] ^= 1;
        NetworkConfigChunk forged = new NetworkConfigChunk(NWID, data, 0, c.updateId(), c.totalLength(), 0, 1, c.signature());
        assertEquals(new Dropped(Reason.BAD_SIGNATURE), a.accept(forged, CONTROLLER));
        Identity other = Identity.fromString(V.get("member_identity_secret").asText());
        assertEquals(new Dropped(Reason.BAD_SIGNATURE), a.accept(c, other));
        assertEquals(new Dropped(Reason.WRONG_NETWORK), new ConfigAssembler(NWID + 1).accept(c, CONTROLLER));
        NetworkConfigChunk huge = NetworkConfigChunk.sign(NWID, new byte[10], 0, 9, 1L << 31, 0, CONTROLLER);
        assertEquals(new Dropped(Reason.BAD_LENGTHS), a.accept(huge, CONTROLLER));
        NetworkConfigChunk past = NetworkConfigChunk.sign(NWID, new byte[10], 0, 9, 15, 10, CONTROLLER);
        assertEquals(new Dropped(Reason.BAD_LENGTHS), a.accept(past, CONTROLLER));
        assertInstanceOf(Complete.class, a.accept(c, CONTROLLER));
    }

    @Test
    void newerUpdateReplacesIncompleteOlder() {
        ConfigAssembler a = new ConfigAssembler(NWID);
        byte[] dict = new byte[20000];
        new SplittableRandom(1).nextBytes(dict);
        for (long update = 1; update <= 5; update++) {
            assertInstanceOf(Pending.class, a.accept(ConfigChunker.split(NWID, dict, update, CONTROLLER).get(0), CONTROLLER));
        }
        List<NetworkConfigChunk> last = ConfigChunker.split(NWID, dict, 6, CONTROLLER);
        assertInstanceOf(Pending.class, a.accept(last.get(2), CONTROLLER));
        assertInstanceOf(Pending.class, a.accept(last.get(0), CONTROLLER));
        Complete c = assertInstanceOf(Complete.class, a.accept(last.get(1), CONTROLLER));
        assertArrayEquals(dict, c.dictionary());
    }

    @Test
    void legacyOnlyFromController() {
        NetworkConfigChunk legacy = new NetworkConfigChunk(NWID, "v=7".getBytes(), 0, 0, 0, 0, 0, null);
        ConfigAssembler a = new ConfigAssembler(NWID);
        assertEquals(new Dropped(Reason.LEGACY_NOT_FROM_CONTROLLER), a.acceptLegacy(legacy, false, 77));
        Complete c = assertInstanceOf(Complete.class, a.acceptLegacy(legacy, true, 77));
        assertEquals(77, c.updateId());
        assertEquals(new Dropped(Reason.NOT_LEGACY), a.accept(legacy, CONTROLLER));
    }

    @Test
    void garbageChunksOnlyThrowMalformed() {
        SplittableRandom rnd = new SplittableRandom(9);
        byte[] good = encode(chunks("small").get(0));
        ConfigAssembler a = new ConfigAssembler(NWID);
        Identity pub = CONTROLLER.publicOnly();
        for (int i = 0; i < 2000; i++) {
            byte[] g = good.clone();
            for (int f = 0; f < 1 + rnd.nextInt(4); f++) g[rnd.nextInt(g.length)] = (byte) rnd.nextInt(256);
            if (rnd.nextInt(4) == 0) g = java.util.Arrays.copyOf(g, rnd.nextInt(g.length));
            try {
                NetworkConfigChunk c = NetworkConfigChunk.decode(new ByteReader(g));
                if (c.legacy()) a.acceptLegacy(c, true, 1);
                else a.accept(c, pub);
            } catch (MalformedException expected) {
                // fine
            }
        }
    }
}
