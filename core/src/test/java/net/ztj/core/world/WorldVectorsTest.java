package net.ztj.core.world;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.Endpoint;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worlds of worlds.json, produced by ZeroTier One 1.14.1: parsing, signing message, signatures, update rule. */
class WorldVectorsTest {
    private static final JsonNode VECTORS = Vectors.json("worlds.json");

    private static World parse(JsonNode v) {
        byte[] b = Vectors.hex(v.get("serialized"));
        return World.deserialize(b, 0, b.length);
    }

    private static World revision(int n) {
        return parse(VECTORS.get("worlds").get(n));
    }

    @Test
    void everyWorldParsesAndReserializesIdentically() {
        for (JsonNode v : VECTORS.get("worlds")) {
            byte[] b = Vectors.hex(v.get("serialized"));
            World w = World.deserialize(b, 0, b.length);
            assertEquals(v.get("type").asInt(), w.type().code, v.get("name").asText());
            assertEquals(v.get("id").asLong(), w.id());
            assertEquals(v.get("timestamp").asLong(), w.timestamp());
            assertEquals(v.get("updates_must_be_signed_by").asText(), Vectors.toHex(w.updatesMustBeSignedBy()));
            assertEquals(v.get("signature").asText(), Vectors.toHex(w.signature()));
            assertEquals(v.get("serialized").asText(), Vectors.toHex(w.serialize()));
            assertEquals(b.length, w.wireLength());
            assertEquals(v.get("signing_message").asText(), Vectors.toHex(w.signingMessage()));
        }
    }

    @Test
    void signaturesVerifyWithTheSignerKeyAndOnlyWithIt() {
        for (JsonNode v : VECTORS.get("worlds")) {
            World w = parse(v);
            byte[] signer = v.has("signer_public") ? Vectors.hex(v.get("signer_public")) : w.updatesMustBeSignedBy();
            assertTrue(w.verifySignature(signer), v.get("name").asText());
            byte[] other = signer.clone();
            other[40] ^= 1;
            assertFalse(w.verifySignature(other));
        }
    }

    @Test
    void resigningCustomWorldsReproducesTheirBytes() {
        for (JsonNode v : VECTORS.get("worlds")) {
            if (!v.has("signer_private")) continue;
            World w = parse(v);
            World again = World.sign(w.type(), w.id(), w.timestamp(), w.updatesMustBeSignedBy(), w.roots(),
                    Vectors.hex(v.get("signer_private")));
            assertEquals(v.get("serialized").asText(), Vectors.toHex(again.serialize()), v.get("name").asText());
            assertEquals(w, again);
        }
    }

    @Test
    void defaultPlanetRootsAreThoseListed() {
        JsonNode v = VECTORS.get("worlds").get(0);
        World w = parse(v);
        assertEquals(v.get("roots").size(), w.roots().size());
        for (int i = 0; i < w.roots().size(); i++) {
            JsonNode expected = v.get("roots").get(i);
            World.Root root = w.roots().get(i);
            assertEquals(expected.get("identity").asText(), root.identity().toPublicString());
            List<String> endpoints = new ArrayList<>();
            for (JsonNode e : expected.get("stable_endpoints")) endpoints.add(e.asText());
            assertEquals(endpoints, root.stableEndpoints().stream().map(Endpoint::toString).toList());
            assertEquals(expected.get("identity_locally_valid").asBoolean(), root.identity().locallyValidate());
        }
    }

    @Test
    void updateAcceptanceMatchesZeroTier() {
        JsonNode a = VECTORS.get("update_acceptance");
        World rev1 = revision(1), rev2 = revision(2), rev3 = revision(3);
        assertEquals(a.get("rev1_replaced_by_rev2").asBoolean(), WorldUpdates.shouldReplace(rev1, rev2));
        assertEquals(a.get("rev2_replaced_by_rev3").asBoolean(), WorldUpdates.shouldReplace(rev2, rev3));
        assertEquals(a.get("rev2_replaced_by_rev1").asBoolean(), WorldUpdates.shouldReplace(rev2, rev1));
        assertEquals(a.get("null_world_replaced_by_rev1").asBoolean(), WorldUpdates.shouldReplace(null, rev1));
        assertEquals(WorldUpdates.Verdict.BAD_SIGNATURE, WorldUpdates.evaluate(rev2, rev3));
        assertEquals(WorldUpdates.Verdict.NOT_NEWER, WorldUpdates.evaluate(rev2, rev1));
        assertEquals(WorldUpdates.Verdict.NOT_NEWER, WorldUpdates.evaluate(rev1, rev1));
        assertEquals(WorldUpdates.Verdict.OTHER_WORLD, WorldUpdates.evaluate(rev1, DefaultPlanet.world()));
        assertEquals(WorldUpdates.Verdict.OTHER_WORLD, WorldUpdates.evaluate(rev1, revision(4)));
    }

    @Test
    void concatenatedWorldsAreReadOneAfterAnother() {
        byte[] planet = Vectors.hex(VECTORS.get("worlds").get(0).get("serialized"));
        byte[] moon = Vectors.hex(VECTORS.get("worlds").get(4).get("serialized"));
        byte[] both = new byte[planet.length + moon.length + 3];
        System.arraycopy(moon, 0, both, 0, moon.length);
        System.arraycopy(planet, 0, both, moon.length, planet.length);
        World first = World.deserialize(both, 0, both.length);
        assertEquals(moon.length, first.wireLength());
        World second = World.deserialize(both, first.wireLength(), both.length);
        assertEquals(DefaultPlanet.world(), second);
        assertArrayEquals(planet, second.serialize());
    }

    @Test
    void identitiesAreHeldPublicOnly() {
        World moon = revision(4);
        for (World.Root r : moon.roots()) assertFalse(r.identity().hasPrivate());
        Identity id = moon.roots().get(0).identity();
        assertEquals(moon.id(), id.address().value(), "a moon's ID is the address of its first root");
    }
}
