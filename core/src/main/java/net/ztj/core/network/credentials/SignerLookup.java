package net.ztj.core.network.credentials;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;

import java.util.Optional;

/** Finds the identity of a credential signer, typically from the topology; empty when it is not known yet. */
@FunctionalInterface
public interface SignerLookup {
    Optional<Identity> identity(Address address);

    /** A lookup that knows exactly the given identities. */
    static SignerLookup of(Identity... known) {
        return address -> {
            for (Identity i : known) if (i.address().equals(address)) return Optional.of(i);
            return Optional.empty();
        };
    }
}
