package net.ztj.core.network.credentials;

/** Whether a peer passes the membership gate of a network (spec 03 §8.8.1), and if not, why. */
public sealed interface MembershipDecision {
    /** The peer may exchange frames with us on this network. */
    record Member() implements MembershipDecision {}

    /** The peer fails the gate; frames from it are answered with ERROR(NEED_MEMBERSHIP_CERTIFICATE). */
    record NotMember(Reason reason) implements MembershipDecision {}

    enum Reason {
        /** We have no configuration (hence no COM) for the network. */
        NO_LOCAL_CERTIFICATE,
        /** The peer has not presented a COM. */
        NO_PEER_CERTIFICATE,
        /** The peer's COM is at or below its COM revocation threshold. */
        REVOKED,
        /** Our COM does not agree with theirs (other network, timestamps too far apart, identity hash mismatch). */
        DISAGREES
    }

    default boolean isMember() {
        return this instanceof Member;
    }
}
