package net.ztj.core.world;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.MalformedException;
import net.ztj.crypto.C25519;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Decoding hostile bytes: every failure is a MalformedException, and the limits of spec 02 §10.1 hold. */
class WorldMalformedInputTest {
    private static final List<byte[]> VALID = new ArrayList<>();

    static {
        for (JsonNode v : Vectors.json("worlds.json").get("worlds")) VALID.add(Vectors.hex(v.get("serialized")));
    }

    private static final Identity ROOT = Identity.fromString(
            Vectors.json("identities.json").get("valid").get(0).get("public").asText());

    /** Decodes, allowing only success or MalformedException; a success must stay inside its range. */
    private static void decodeOrMalformed(byte[] b, int off, int limit) {
        try {
            World w = World.deserialize(b, off, limit);
            assertTrue(w.wireLength() <= limit - off);
            World again = World.deserialize(w.serialize(), 0, w.serialize().length);
            assertEquals(w, again);
        } catch (MalformedException expected) {
            // the only allowed failure
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for " + Vectors.toHex(b), e);
        }
    }

    @Test
    void everyTruncationIsMalformed() {
        for (byte[] b : VALID) {
            for (int len = 0; len < b.length; len++) {
                int n = len;
                assertThrows(MalformedException.class, () -> World.deserialize(b, 0, n));
            }
        }
    }

    @Test
    void randomMutationsEitherDecodeOrAreMalformed() {
        Random rnd = new Random(0x5eed);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = VALID.get(rnd.nextInt(VALID.size())).clone();
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) {
                int pos = rnd.nextInt(4) == 0 ? 177 + rnd.nextInt(b.length - 177) : rnd.nextInt(b.length);
                b[pos] = (byte) rnd.nextInt(256);
            }
            int limit = rnd.nextInt(8) == 0 ? rnd.nextInt(b.length + 1) : b.length;
            decodeOrMalformed(b, 0, limit);
        }
    }

    @Test
    void randomGarbageIsMalformedOrAWorld() {
        Random rnd = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(700)];
            rnd.nextBytes(b);
            if (b.length > 0 && rnd.nextBoolean()) b[0] = (byte) (rnd.nextBoolean() ? 1 : 127);
            if (b.length > 177 && rnd.nextBoolean()) b[177] = (byte) rnd.nextInt(6);
            int off = b.length == 0 ? 0 : rnd.nextInt(Math.min(b.length, 4));
            decodeOrMalformed(b, off, b.length);
        }
    }

    @Test
    void limitsAndTypesAreEnforced() {
        byte[] planet = VALID.get(0).clone();
        planet[0] = 0;
        assertThrows(MalformedException.class, () -> World.deserialize(planet, 0, planet.length), "null type");
        planet[0] = 2;
        assertThrows(MalformedException.class, () -> World.deserialize(planet, 0, planet.length));
        byte[] fiveRoots = VALID.get(0).clone();
        fiveRoots[177] = 5;
        assertThrows(MalformedException.class, () -> World.deserialize(fiveRoots, 0, fiveRoots.length));
        // rev1 of the custom planet: one root whose endpoint count is at 177 + 1 + 71
        byte[] manyEndpoints = VALID.get(1).clone();
        manyEndpoints[177 + 1 + 71] = 33;
        assertThrows(MalformedException.class, () -> World.deserialize(manyEndpoints, 0, manyEndpoints.length));
        byte[] badPrivateLength = VALID.get(1).clone();
        badPrivateLength[177 + 1 + 70] = 1;
        assertThrows(MalformedException.class, () -> World.deserialize(badPrivateLength, 0, badPrivateLength.length));
        byte[] badEndpointType = VALID.get(1).clone();
        badEndpointType[177 + 1 + 72] = 9;
        assertThrows(MalformedException.class, () -> World.deserialize(badEndpointType, 0, badEndpointType.length));
    }

    @Test
    void buildingOverTheLimitsIsRefused() {
        byte[] key = new byte[64];
        World.Root root = new World.Root(ROOT, List.of(Endpoint.parse("10.0.0.1/9993")));
        assertThrows(IllegalArgumentException.class,
                () -> World.sign(WorldType.PLANET, 7, 1, key, Collections.nCopies(5, root), key));
        List<Endpoint> many = new ArrayList<>();
        for (int i = 0; i < 33; i++) many.add(Endpoint.parse("10.0.0." + i + "/9993"));
        assertThrows(IllegalArgumentException.class, () -> new World.Root(ROOT, many));
        assertEquals(32, new World.Root(ROOT, many.subList(0, 32)).stableEndpoints().size());
        assertThrows(IllegalArgumentException.class,
                () -> World.sign(WorldType.PLANET, 7, 1, new byte[63], List.of(root), key));
    }

    @Test
    void moonExtensionIsSkippedAndNotSigned() {
        byte[] moon = VALID.get(4);
        byte[] extended = new byte[moon.length + 3];
        System.arraycopy(moon, 0, extended, 0, moon.length);
        extended[moon.length - 1] = 3; // u16 extension length = 3, then three bytes
        extended[moon.length] = 'a';
        World w = World.deserialize(extended, 0, extended.length);
        assertEquals(extended.length, w.wireLength());
        assertArrayEquals(moon, w.serialize());
        assertTrue(w.verifySignature(w.updatesMustBeSignedBy()));
    }

    @Test
    void absentAndReservedEndpointsArePlaceholdersThatStaySigned() {
        C25519.KeyPair key = C25519.generate(new SecureRandom());
        Endpoint real = Endpoint.parse("192.0.2.7/9993");
        ByteWriter header = new ByteWriter(1024).u8(1).u64(99).u64(1_700_000_000_000L).bytes(key.publicKey());
        ByteWriter canonicalRoots = new ByteWriter(1024).u8(1).bytes(ROOT.toBytes(false)).u8(3).u8(0);
        real.writeTo(canonicalRoots);
        canonicalRoots.u8(0);
        ByteWriter reservedRoots = new ByteWriter(1024).u8(1).bytes(ROOT.toBytes(false)).u8(3).u8(0);
        real.writeTo(reservedRoots);
        reservedRoots.u8(1).bytes(new byte[6]); // type 1 (reserved): six bytes, re-encoded by ZeroTier as 0
        byte[] message = new ByteWriter(1024).bytes(new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f})
                .bytes(header.toByteArray()).bytes(canonicalRoots.toByteArray())
                .bytes(new byte[] {-9, -9, -9, -9, -9, -9, -9, -9}).toByteArray();
        byte[] sig = C25519.sign(key.privateKey(), message);
        byte[] canonical = new ByteWriter(1024).bytes(header.toByteArray()).bytes(sig).bytes(canonicalRoots.toByteArray()).toByteArray();
        byte[] reserved = new ByteWriter(1024).bytes(header.toByteArray()).bytes(sig).bytes(reservedRoots.toByteArray()).toByteArray();
        for (byte[] b : List.of(canonical, reserved)) {
            World w = World.deserialize(b, 0, b.length);
            assertEquals(b.length, w.wireLength());
            assertEquals(List.of(real), w.roots().get(0).stableEndpoints());
            assertArrayEquals(message, w.signingMessage());
            assertArrayEquals(canonical, w.serialize());
            assertTrue(w.verifySignature(key.publicKey()));
        }
    }
}
