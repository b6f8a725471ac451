package net.ztj.core.node;

import net.ztj.core.identity.Address;
import net.ztj.core.wire.Endpoint;

import java.util.List;

/**
 * The user's limits on physical paths and extra addresses to try (local.conf {@code physical} blacklists and
 * {@code virtual} blacklists and {@code try}, as ZeroTier One 1.14 applies them through its path check and path
 * lookup callbacks). Called on the node's thread; must be quick.
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
}
