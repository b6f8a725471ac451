package net.ztj.core.world;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.Endpoint;
import net.ztj.crypto.C25519;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Joining and updating moons (spec 02 §10.3–§10.4). */
class MoonOrbitsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Identity SEED = identity(0);
    private static final Identity OTHER_ROOT = identity(1);
    private static final long MOON_ID = SEED.address().value();
    private final C25519.KeyPair key = C25519.generate(RANDOM);

    private static Identity identity(int i) {
        return Identity.fromString(Vectors.json("identities.json").get("valid").get(i).get("public").asText());
    }

    private World moon(long timestamp, C25519.KeyPair signer, Identity... roots) {
        List<World.Root> list = java.util.Arrays.stream(roots)
                .map(r -> new World.Root(r, List.of(Endpoint.parse("192.0.2.1/9993")))).toList();
        return World.sign(WorldType.MOON, MOON_ID, timestamp, key.publicKey(), list, signer.privateKey());
    }

    private static Orbits.Reason rejection(Orbits.Outcome o) {
        return assertInstanceOf(Orbits.Rejected.class, o).reason();
    }

    @Test
    void anUnrequestedMoonIsRefused() {
        Orbits orbits = new Orbits();
        assertEquals(Orbits.Reason.NOT_REQUESTED, rejection(orbits.offerFromNetwork(moon(1, key, SEED))));
        assertTrue(orbits.moons().isEmpty());
    }

    @Test
    void aRequestedMoonIsTakenWhenTheSeedIsOneOfItsRoots() {
        Orbits orbits = new Orbits();
        assertTrue(orbits.orbit(MOON_ID, SEED.address()));
        assertFalse(orbits.orbit(MOON_ID, SEED.address()), "the same request twice is one request");
        assertTrue(orbits.isPendingSeed(SEED.address()));
        assertEquals(List.of(new Orbits.Wanted(MOON_ID, 0)), orbits.wanted());

        assertEquals(Orbits.Reason.SEED_NOT_A_ROOT, rejection(orbits.offerFromNetwork(moon(1, key, OTHER_ROOT))));
        World m = moon(1, key, OTHER_ROOT, SEED);
        assertEquals(new Orbits.Added(m), orbits.offerFromNetwork(m));
        assertEquals(m, orbits.moon(MOON_ID).orElseThrow());
        assertTrue(orbits.pending().isEmpty());
        assertFalse(orbits.isPendingSeed(SEED.address()));
        assertEquals(List.of(new Orbits.Wanted(MOON_ID, 1)), orbits.wanted());
        assertFalse(orbits.orbit(MOON_ID, SEED.address()), "already held");
    }

    @Test
    void aHeldMoonIsUpdatedOnlyByANewerRevisionSignedWithItsKey() {
        Orbits orbits = new Orbits();
        World first = moon(10, key, SEED);
        assertInstanceOf(Orbits.Added.class, orbits.loadLocal(first));
        assertEquals(Orbits.Reason.NOT_NEWER, rejection(orbits.offerFromNetwork(moon(10, key, SEED))));
        assertEquals(Orbits.Reason.NOT_NEWER, rejection(orbits.offerFromNetwork(moon(9, key, SEED))));
        C25519.KeyPair stranger = C25519.generate(RANDOM);
        assertEquals(Orbits.Reason.BAD_SIGNATURE, rejection(orbits.offerFromNetwork(moon(11, stranger, SEED))));
        assertEquals(Orbits.Reason.BAD_SIGNATURE, rejection(orbits.loadLocal(moon(11, stranger, SEED))));
        World second = moon(11, key, SEED, OTHER_ROOT);
        assertEquals(new Orbits.Updated(first, second), orbits.offerFromNetwork(second));
        assertEquals(second, orbits.moon(MOON_ID).orElseThrow());
    }

    @Test
    void localMoonsNeedNoRequestAndPlanetsAreNotMoons() {
        Orbits orbits = new Orbits();
        byte[] b = Vectors.hex(Vectors.json("worlds.json").get("worlds").get(4).get("serialized"));
        World vectorMoon = World.deserialize(b, 0, b.length);
        assertInstanceOf(Orbits.Added.class, orbits.loadLocal(vectorMoon));
        assertEquals(Orbits.Reason.NOT_A_MOON, rejection(orbits.offerFromNetwork(DefaultPlanet.world())));
        assertEquals(Orbits.Reason.NOT_A_MOON, rejection(orbits.loadLocal(DefaultPlanet.world())));
    }

    @Test
    void deorbitForgetsMoonsAndRequests() {
        Orbits orbits = new Orbits();
        orbits.orbit(MOON_ID, SEED.address());
        orbits.orbit(77, OTHER_ROOT.address());
        assertTrue(orbits.deorbit(MOON_ID));
        assertFalse(orbits.deorbit(MOON_ID));
        assertEquals(List.of(new Orbits.Pending(77, OTHER_ROOT.address())), orbits.pending());
        orbits.loadLocal(moon(1, key, SEED));
        assertTrue(orbits.deorbit(MOON_ID));
        assertTrue(orbits.moons().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> orbits.orbit(1, new Address(0)));
    }
}
