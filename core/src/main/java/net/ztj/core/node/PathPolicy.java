package net.ztj.core.node;

import net.ztj.core.identity.Address;
import net.ztj.core.wire.Endpoint;

import java.util.List;

/**
 * The user's limits on physical paths and extra addresses to try (local.conf {@code physical} blacklists and
 * {@code virtual} blacklists and {@code try}, as ZeroTier One 1.14 applies them through its path check and path
 * lookup callbacks), and its per-network physical path settings ({@code physical}'s {@code mtu} and
 * {@code trustedPathId}, as 1.14's physical path configuration). Called on the node's thread; must be quick.
 */
public interface PathPolicy {
    /** No limits, nothing to try. */
    PathPolicy NONE = new PathPolicy() {
    };

    /** Whether traffic with {@code peer} may use the physical address {@code at}. */
    default boolean allowed(Address peer, Endpoint at) {
        return true;
    }

    /** Addresses at which to try {@code peer} while there is no live path to it. */
    default List<Endpoint> tryAddresses(Address peer) {
        return List.of();
    }

    /**
     * The trusted path ID for packets sent to the physical address {@code at}, or 0 if it is no trusted path: such
     * packets go with cipher suite 2 (spec 02 §6.4).
     */
    default long trustedPathId(Endpoint at) {
        return 0;
    }

    /** Whether a suite-2 packet carrying {@code trustedPathId} is accepted from the physical address {@code from}. */
    default boolean trusted(Endpoint from, long trustedPathId) {
        return false;
    }

    /** The UDP payload MTU for packets sent to the physical address {@code at}, or 0 for the node's default. */
    default int physicalMtu(Endpoint at) {
        return 0;
    }
}
