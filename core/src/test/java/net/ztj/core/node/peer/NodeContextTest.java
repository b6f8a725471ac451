package net.ztj.core.node.peer;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Identity;
import net.ztj.core.identity.IdentityHasher;
import net.ztj.core.node.NodeConfig;
import net.ztj.core.node.NodeEvents;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.crypto.C25519;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The identity hasher's 2 MiB buffer: made on first use, given up by a member after a quiet period, kept by a root. */
class NodeContextTest {
    private static final long QUIET = Timing.HASHER_QUIET_PERIOD;

    @Test
    void aMemberMakesTheHasherOnDemandAndDropsItWhenQuiet() throws Exception {
        Identity[] ids = identities();
        NodeContext ctx = context(ids[1], ids[0]);
        assertFalse(ctx.releaseIdleHasher(0, QUIET), "no hasher before the first validation");
        IdentityHasher h = ctx.hasher();
        assertSame(h, ctx.hasher(), "reused while held");
        assertTrue(ctx.releaseIdleHasher(1_000, QUIET), "used since the last housekeeping");
        assertTrue(ctx.releaseIdleHasher(1_000 + QUIET - 1, QUIET));
        assertFalse(ctx.releaseIdleHasher(1_000 + QUIET, QUIET), "dropped after the quiet period");
        assertNotSame(h, ctx.hasher(), "made again when needed");
    }

    @Test
    void aRootKeepsItsHasher() throws Exception {
        Identity[] ids = identities();
        NodeContext ctx = context(ids[0], ids[0]);
        IdentityHasher h = ctx.hasher();
        assertTrue(ctx.releaseIdleHasher(1_000, QUIET));
        assertTrue(ctx.releaseIdleHasher(1_000 + 10 * QUIET, QUIET));
        assertSame(h, ctx.hasher());
    }

    /** A root and a member with their secrets (from the vectors: no proof of work to compute). */
    private static Identity[] identities() throws Exception {
        JsonNode v = Vectors.json("networks_networkconfig.json");
        return new Identity[] {Identity.fromString(v.get("controller_identity_secret").asText()),
                Identity.fromString(v.get("member_identity_secret").asText())};
    }

    private static NodeContext context(Identity self, Identity root) {
        C25519.KeyPair key = C25519.generate(new SecureRandom());
        World planet = World.sign(WorldType.PLANET, 7, 1, key.publicKey(),
                List.of(new World.Root(root.publicOnly(), List.of(Endpoint.parse("10.0.0.1/9993")))), key.privateKey());
        return new NodeContext(self, new Topology(self.address(), planet), NodeConfig.DEFAULTS,
                (socket, to, data, off, len, ttl) -> true, new NodeEvents() { }, new SplittableRandom(5));
    }
}
