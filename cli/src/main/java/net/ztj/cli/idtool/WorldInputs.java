package net.ztj.cli.idtool;

import net.ztj.core.identity.Identity;
import net.ztj.core.identity.IdentityHasher;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.world.World;
import net.ztj.crypto.C25519;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Checks shared by the commands that build worlds, so that a mistake is reported in one line before anything is
 * signed rather than producing a world no node can use: root identities must pass the proof of work, endpoints must
 * be usable unicast addresses with a port, and the limits of spec 02 §10.1 must hold.
 */
final class WorldInputs {
    private WorldInputs() {}

    /** Parses {@code ip/port} (or {@code ip:port} for IPv4) and refuses port 0, the unspecified and multicast addresses. */
    static Endpoint endpoint(String text) throws InputError {
        Endpoint e;
        try {
            e = Endpoint.parse(text.trim());
        } catch (IllegalArgumentException ex) {
            throw new InputError("invalid endpoint " + text + " (expected <ip>/<port>)");
        }
        if (e.port() == 0) throw new InputError("invalid endpoint " + text + ": port 0");
        if (isUnspecified(e)) throw new InputError("invalid endpoint " + text + ": unspecified address");
        if (e.scope() == Endpoint.Scope.MULTICAST) throw new InputError("invalid endpoint " + text + ": multicast address");
        return e;
    }

    private static boolean isUnspecified(Endpoint e) {
        for (byte b : e.ip()) {
            if (b != 0) return false;
        }
        return true;
    }

    /** A root from a checked identity and its endpoints: at most 32, no duplicates. */
    static World.Root root(Identity identity, List<Endpoint> endpoints, String shownAs, IdentityHasher hasher)
            throws InputError {
        if (!identity.locallyValidate(hasher)) throw new InputError(shownAs + " FAILED validation.");
        if (endpoints.size() > World.MAX_STABLE_ENDPOINTS_PER_ROOT) {
            throw new InputError("root " + identity.address() + " has " + endpoints.size()
                    + " endpoints (at most " + World.MAX_STABLE_ENDPOINTS_PER_ROOT + ")");
        }
        if (new HashSet<>(endpoints).size() != endpoints.size()) {
            throw new InputError("root " + identity.address() + " lists an endpoint twice");
        }
        return new World.Root(identity, endpoints);
    }

    /** Refuses more than four roots or one root listed twice. */
    static void checkRoots(List<World.Root> roots) throws InputError {
        if (roots.size() > World.MAX_ROOTS) {
            throw new InputError(roots.size() + " roots given (at most " + World.MAX_ROOTS + ")");
        }
        Set<Object> seen = new HashSet<>();
        for (World.Root r : roots) {
            if (!seen.add(r.identity().address())) throw new InputError("root " + r.identity().address() + " is given twice");
        }
    }

    /** 128 hex digits as a 64-byte key, or null if the text is not that. */
    static byte[] hexKey(String text) {
        if (text == null || text.length() != 2 * C25519.PUBLIC_KEY_BYTES) return null;
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
