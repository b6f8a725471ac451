package net.ztj.core.network.credentials;

import java.util.HashMap;
import java.util.Map;

/**
 * The revocation state the local node keeps for one member (spec 03 §8.8.4): a COM threshold and one threshold per
 * (credential type, credential ID). A credential with a timestamp at or below its threshold is revoked. Immutable:
 * {@link #apply} returns the new state.
 */
public record RevocationThresholds(long comThreshold, Map<Key, Long> credentialThresholds) {
    /** No revocations. */
    public static final RevocationThresholds NONE = new RevocationThresholds(0, Map.of());

    /** A capability, tag or COO slot. */
    public record Key(CredentialType type, long credentialId) {}

    /** What applying a (verified) revocation did. */
    public enum Outcome { ACCEPTED_NEW, REDUNDANT, REJECTED }

    /** The new state and what happened. */
    public record Applied(RevocationThresholds thresholds, Outcome outcome) {}

    public RevocationThresholds {
        credentialThresholds = Map.copyOf(credentialThresholds);
    }

    /**
     * Whether a COM with this timestamp is revoked: at or below the threshold (unsigned, as on the wire). With no
     * revocation the threshold is 0, so only a COM stamped 0 counts as revoked, as in the reference.
     */
    public boolean comRevoked(long comTimestamp) {
        return Long.compareUnsigned(comTimestamp, comThreshold) <= 0;
    }

    /** Whether a capability, tag or COO with this ID and timestamp is revoked. */
    public boolean revoked(CredentialType type, long credentialId, long timestamp) {
        Long t = credentialThresholds.get(new Key(type, credentialId));
        return t != null && Long.compareUnsigned(timestamp, t) <= 0;
    }

    /**
     * Applies a revocation whose signature the caller has verified. A COM revocation raises the COM threshold; a
     * capability, tag or COO revocation raises its slot and also sets the COM threshold to the same value (a quirk
     * of the reference, which therefore cuts the member off until it presents a newer COM). Other types are rejected.
     */
    public Applied apply(Revocation revocation) {
        CredentialType type = revocation.type();
        long threshold = revocation.threshold();
        if (type == CredentialType.COM) {
            if (Long.compareUnsigned(threshold, comThreshold) <= 0) return new Applied(this, Outcome.REDUNDANT);
            return new Applied(new RevocationThresholds(threshold, credentialThresholds), Outcome.ACCEPTED_NEW);
        }
        if (type == CredentialType.CAPABILITY || type == CredentialType.TAG || type == CredentialType.COO) {
            Key key = new Key(type, revocation.credentialId());
            long current = credentialThresholds.getOrDefault(key, 0L);
            if (Long.compareUnsigned(threshold, current) <= 0) {
                return new Applied(this, Outcome.REDUNDANT);
            }
            Map<Key, Long> next = new HashMap<>(credentialThresholds);
            next.put(key, threshold);
            return new Applied(new RevocationThresholds(threshold, next), Outcome.ACCEPTED_NEW);
        }
        return new Applied(this, Outcome.REJECTED);
    }
}
