package net.ztj.core.network.credentials;

import net.ztj.core.identity.Identity;

import java.util.Optional;

/**
 * The membership decisions of spec 03 §8.8 as pure functions over credentials the caller holds. No clock is
 * needed: the gate compares the two COMs' issue times with each other, and credential validity compares against
 * the local configuration's timestamp.
 */
public final class MembershipCheck {
    private static final MembershipDecision MEMBER = new MembershipDecision.Member();

    private MembershipCheck() {}

    /**
     * The gate for a private network: {@code ours} is our COM (empty without configuration), {@code theirs} the
     * verified COM the peer presented (empty if none), {@code revocations} what we know about the peer.
     */
    public static MembershipDecision gate(Optional<CertificateOfMembership> ours,
                                          Optional<CertificateOfMembership> theirs, Identity theirIdentity,
                                          RevocationThresholds revocations) {
        if (ours.isEmpty()) return new MembershipDecision.NotMember(MembershipDecision.Reason.NO_LOCAL_CERTIFICATE);
        if (theirs.isEmpty()) return new MembershipDecision.NotMember(MembershipDecision.Reason.NO_PEER_CERTIFICATE);
        if (revocations.comRevoked(theirs.get().timestamp())) {
            return new MembershipDecision.NotMember(MembershipDecision.Reason.REVOKED);
        }
        if (!ours.get().agreesWith(theirs.get(), theirIdentity)) {
            return new MembershipDecision.NotMember(MembershipDecision.Reason.DISAGREES);
        }
        return MEMBER;
    }

    /** The gate including public networks, which admit everyone once we have a configuration. */
    public static MembershipDecision gate(boolean publicNetwork, Optional<CertificateOfMembership> ours,
                                          Optional<CertificateOfMembership> theirs, Identity theirIdentity,
                                          RevocationThresholds revocations) {
        if (publicNetwork && ours.isPresent()) return MEMBER;
        return gate(ours, theirs, theirIdentity, revocations);
    }

    /**
     * Whether a received tag, capability or COO may be used (spec 03 §8.8.5): its timestamp within
     * {@code maxDeltaMs} of our configuration's timestamp, and not revoked.
     */
    public static boolean credentialUsable(CredentialType type, long credentialId, long credentialTimestamp,
                                           long configTimestamp, long maxDeltaMs, RevocationThresholds revocations) {
        long distance = Math.abs(credentialTimestamp - configTimestamp);
        return distance >= 0 && distance <= maxDeltaMs
                && !revocations.revoked(type, credentialId, credentialTimestamp);
    }

    /**
     * Whether an incoming COM should replace the stored one (spec 03 §8.8.4), before signature verification:
     * not revoked and not older than the stored COM. An identical COM is redundant, so not accepted either.
     */
    public static boolean shouldAcceptCom(Optional<CertificateOfMembership> stored, CertificateOfMembership incoming,
                                          RevocationThresholds revocations) {
        if (revocations.comRevoked(incoming.timestamp())) return false;
        if (stored.isEmpty()) return true;
        if (stored.get().equals(incoming)) return false;
        return Long.compareUnsigned(incoming.timestamp(), stored.get().timestamp()) >= 0;
    }
}
