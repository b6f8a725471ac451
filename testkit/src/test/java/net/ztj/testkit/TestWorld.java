package net.ztj.testkit;

import net.ztj.core.identity.Identity;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.crypto.C25519;

import java.security.SecureRandom;
import java.util.List;

/** Identities for simulated-network tests (a root, members a, b, c) and the planet key that signs their worlds. */
record TestWorld(Identity root, Identity a, Identity b, Identity c, C25519.KeyPair planetKey) {
    /** New identities (proof of work: made once per test class). */
    static TestWorld generate() {
        SecureRandom r = new SecureRandom();
        return new TestWorld(Identity.generate(r), Identity.generate(r), Identity.generate(r), Identity.generate(r),
                C25519.generate(r));
    }

    /** A planet with {@link #root} reachable at {@code rootEndpoint}. */
    World planet(long timestamp, Endpoint rootEndpoint) {
        return World.sign(WorldType.PLANET, 0x1234_5678L, timestamp, planetKey.publicKey(),
                List.of(new World.Root(root.publicOnly(), List.of(rootEndpoint))), planetKey.privateKey());
    }
}
