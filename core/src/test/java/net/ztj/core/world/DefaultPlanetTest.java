package net.ztj.core.world;

import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compiled-in planet and the choice of planet at start-up. */
class DefaultPlanetTest {
    @Test
    void isTheVectorPlanetSignedByItsOwnUpdateKey() {
        World w = DefaultPlanet.world();
        assertEquals(DefaultPlanet.ID, w.id());
        assertEquals(0x08eac90aL, w.id());
        assertEquals(WorldType.PLANET, w.type());
        assertEquals(1644592324813L, w.timestamp());
        assertEquals(570, DefaultPlanet.serialized().length);
        assertEquals(Vectors.json("worlds.json").get("worlds").get(0).get("serialized").asText(),
                Vectors.toHex(DefaultPlanet.serialized()));
        assertEquals(4, w.roots().size());
        assertTrue(w.verifySignature(w.updatesMustBeSignedBy()));
    }

    @Test
    void startupPlanetPrefersACachedPlanetUnlessTheBuiltInOneUpdatesIt() {
        World builtIn = DefaultPlanet.world();
        byte[] custom = Vectors.hex(Vectors.json("worlds.json").get("worlds").get(1).get("serialized"));
        World selfHosted = World.deserialize(custom, 0, custom.length);
        byte[] moonBytes = Vectors.hex(Vectors.json("worlds.json").get("worlds").get(4).get("serialized"));
        World moon = World.deserialize(moonBytes, 0, moonBytes.length);
        assertSame(builtIn, WorldUpdates.startupPlanet(null, builtIn));
        assertSame(builtIn, WorldUpdates.startupPlanet(moon, builtIn));
        assertSame(selfHosted, WorldUpdates.startupPlanet(selfHosted, builtIn));
        assertSame(builtIn, WorldUpdates.startupPlanet(builtIn, builtIn));
        byte[] rev2Bytes = Vectors.hex(Vectors.json("worlds.json").get("worlds").get(2).get("serialized"));
        World rev2 = World.deserialize(rev2Bytes, 0, rev2Bytes.length);
        assertSame(rev2, WorldUpdates.startupPlanet(selfHosted, rev2), "a newer built-in revision of the cached planet wins");
    }
}
