package net.ztj.core.node;

import net.ztj.core.identity.Identity;
import net.ztj.core.wire.Endpoint;

import java.util.List;

/**
 * A moon we orbit, for the API (spec 05 §5.7.5). While waiting for the moon to arrive from its seed only the id
 * is known: timestamp 0, no signature, no key, no roots.
 *
 * @param signature             96 bytes, or null while waiting
 * @param updatesMustBeSignedBy 64 bytes, or null while waiting
 */
public record MoonInfo(long id, long timestamp, byte[] signature, byte[] updatesMustBeSignedBy, List<Root> roots,
                       boolean waiting) {
    /** One root of the moon and its stable endpoints. */
    public record Root(Identity identity, List<Endpoint> stableEndpoints) {}
}
