package net.ztj.service;

import net.ztj.core.identity.Identity;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.crypto.C25519;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which warm-up a daemon runs: a root of the planet in effect warms its relay path, any other node its Ethernet path. */
class PlanetRootTest {
    @Test
    void aNodeIsARootWhenThePlanetInEffectNamesIt() {
        SecureRandom random = new SecureRandom();
        Identity root = Identity.generate(random), member = Identity.generate(random);
        C25519.KeyPair key = C25519.generate(random);
        byte[] planet = World.sign(WorldType.PLANET, 1, 1, key.publicKey(),
                List.of(new World.Root(root.publicOnly(), List.of(Endpoint.parse("10.0.0.1/9993")))), key.privateKey())
                .serialize();
        assertTrue(Daemon.isPlanetRoot(Optional.of(planet), root));
        assertFalse(Daemon.isPlanetRoot(Optional.of(planet), member));
        assertFalse(Daemon.isPlanetRoot(Optional.empty(), root), "no planet known: no root");
        assertFalse(Daemon.isPlanetRoot(Optional.of(new byte[] {1, 2, 3}), root), "an unreadable planet names nobody");
    }
}
